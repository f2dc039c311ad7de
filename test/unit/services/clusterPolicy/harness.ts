import { hover } from '../../../../server/src/services/hover';
import { indexObjects, WorkspaceIndex } from '../../../../server/src/services/workspace';
import { parseFile } from '../../../../server/src/yaml/file';
import { settingsFor, type TestOptions } from '../../helpers';

/** A workspace of YAML files (name -> text); `file` holds a `|` cursor marker. */
export function workspace(files: Record<string, string>, options: TestOptions = {}) {
  const settings = settingsFor(options);
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  for (const [name, raw] of Object.entries(files)) {
    const text = raw.replace('|', '');
    texts.set(name, text);
    index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, parseFile(text), settings));
  }
  /** The hover markdown at the `|` of a file. */
  const hoverAt = (name: string): string | undefined => {
    const raw = files[name]!;
    const offset = raw.indexOf('|');
    const result = hover(parseFile(texts.get(name)!), offset, settings, index);
    return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : undefined;
  };
  return { settings, index, texts, hoverAt };
}

export const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: api
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
spec:
  template:
    metadata:
      labels:
        app: agent
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: agent
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: prometheus
  namespace: monitoring
spec:
  template:
    metadata:
      labels:
        app: prometheus
    spec:
      containers:
        - name: prometheus
          image: prometheus
`;
