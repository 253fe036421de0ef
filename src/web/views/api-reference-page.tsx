/** The parts of an OpenAPI 3.1 document the reference page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string; pattern?: string } }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A schema, compactly, as JSON (refs shown as names). */
function schemaText(schema: unknown): string {
  return JSON.stringify(schema, null, 2).replace(/"\$ref": "#\/components\/schemas\/([^"]+)"/g, '"$ref": "$1"');
}

/** The API reference: every operation of the document, with its parameters, body and answers, on one plain page. */
export function ApiReferencePage({ doc }: { doc: OpenApiDocument }) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} reference`}</title>
      </head>
      <body>
        <main>
          <h1>{`${doc.info.title} ${doc.info.version}`}</h1>
          {doc.info.description ? <p>{doc.info.description}</p> : null}
          <p>
            The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          </p>
          <nav aria-label="Operations">
            <ul>
              {operations.map(({ path, method, op }) => (
                <li key={`${method} ${path}`}>
                  <a href={`#${method}-${path}`}>
                    <code>{`${method.toUpperCase()} ${path}`}</code>
                  </a>{' '}
                  {op.summary ?? ''}
                </li>
              ))}
            </ul>
          </nav>
          {operations.map(({ path, method, op }) => (
            <section key={`${method} ${path}`} id={`${method}-${path}`}>
              <h2>
                <code>{`${method.toUpperCase()} ${path}`}</code>
              </h2>
              {op.summary ? <p>{op.summary}</p> : null}
              {op.description ? <p>{op.description}</p> : null}
              {op.security ? <p>Needs an API token (Authorization: Bearer).</p> : null}
              {op.parameters && op.parameters.length > 0 ? (
                <>
                  <h3>Parameters</h3>
                  <ul>
                    {op.parameters.map((p) => (
                      <li key={`${p.in}-${p.name}`}>
                        <code>{p.name}</code> ({p.in}
                        {p.required ? ', required' : ''}){p.description ? `: ${p.description}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {op.requestBody?.content?.['application/json']?.schema ? (
                <>
                  <h3>Body (JSON)</h3>
                  <pre>{schemaText(op.requestBody.content['application/json'].schema)}</pre>
                </>
              ) : null}
              <h3>Answers</h3>
              <ul>
                {Object.entries(op.responses ?? {}).map(([status, r]) => (
                  <li key={status}>
                    <code>{status}</code> {r.description ?? ''}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <section>
            <h2>Schemas</h2>
            {Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => (
              <div key={name} id={`schema-${name}`}>
                <h3>{name}</h3>
                <pre>{schemaText(schema)}</pre>
              </div>
            ))}
          </section>
        </main>
      </body>
    </html>
  );
}
