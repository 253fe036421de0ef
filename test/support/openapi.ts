import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI document the checks read. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components?: { schemas?: Record<string, object> };
}

/** The document's path template that matches a concrete path (`/api/v1/articles/{slug}` for `/api/v1/articles/demo`). */
export function templateOf(doc: OpenApiDoc, path: string): string | undefined {
  return Object.keys(doc.paths).find((t) =>
    new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

/**
 * Checks real answers against the document: the operation must be described, the status listed,
 * and a JSON body must validate against that status's schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 */
export function answerChecker(doc: OpenApiDoc) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The components travel with every schema, so `#/components/schemas/X` resolves.
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return function check(method: string, url: string, status: number, body: string): string | undefined {
    const path = url.split('?')[0]!;
    const template = templateOf(doc, path);
    if (!template) return `${method} ${path}: not in the document`;
    const op = doc.paths[template]![method.toLowerCase()];
    if (!op) return `${method} ${template}: method not in the document`;
    // OpenAPI allows a range (`4XX`) where a route answers several errors alike.
    const response = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`];
    if (!response) return `${method} ${template}: status ${status} not in the document`;
    const schema = response.content?.['application/json']?.schema;
    if (!schema || body === '') return undefined;
    const key = `${method} ${template} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ ...schema, components: doc.components });
      compiled.set(key, validate);
    }
    if (!validate(JSON.parse(body))) return `${key}: ${ajv.errorsText(validate.errors)}`;
    return undefined;
  };
}
