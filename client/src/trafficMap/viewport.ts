/**
 * The traffic map's view of its drawing (pure): which part of the drawing the SVG shows, as
 * a `viewBox`. Fit shows the whole drawing (never magnified past MAX_FIT_SCALE: a small map
 * stays at its natural size); zoom keeps the point under the cursor in place; pan moves by
 * screen pixels.
 */

export interface View {
  /** The drawing's point at the top left corner of the window. */
  readonly x: number;
  readonly y: number;
  /** Screen pixels per drawing unit. */
  readonly scale: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

const MAX_FIT_SCALE = 1.25;
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** The whole drawing, centred in the window. */
export function fit(drawing: Size, window: Size): View {
  if (drawing.width <= 0 || drawing.height <= 0 || window.width <= 0 || window.height <= 0) return { x: 0, y: 0, scale: 1 };
  const scale = clamp(Math.min(window.width / drawing.width, window.height / drawing.height), MIN_SCALE, MAX_FIT_SCALE);
  return {
    x: (drawing.width - window.width / scale) / 2,
    y: (drawing.height - window.height / scale) / 2,
    scale,
  };
}

/** Zoomed by `factor` around the window point `at` (which stays over the same drawing point). */
export function zoom(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clamp(view.scale * factor, MIN_SCALE, MAX_SCALE);
  const drawingX = view.x + at.x / view.scale;
  const drawingY = view.y + at.y / view.scale;
  return { x: drawingX - at.x / scale, y: drawingY - at.y / scale, scale };
}

/** Moved by screen pixels (a drag to the right shows what is left of the view). */
export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x - dx / view.scale, y: view.y - dy / view.scale };
}

/** The SVG `viewBox` showing `view` in a window of `window`'s size. */
export function viewBox(view: View, window: Size): string {
  const r = (value: number) => String(Math.round(value * 100) / 100);
  return `${r(view.x)} ${r(view.y)} ${r(window.width / view.scale)} ${r(window.height / view.scale)}`;
}
