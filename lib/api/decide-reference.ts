/**
 * The API reference page's reading of the OpenAPI document: each operation with its parameters, body
 * fields and responses as lines of text, so the page renders the served document and nothing else.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type Doc = {
  paths?: Record<
    string,
    | Record<
        string,
        | {
            summary?: string;
            security?: Record<string, unknown>[];
            parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
            requestBody?: { content?: Record<string, { schema?: Schema }> };
            responses?: Record<string, { description?: string }>;
          }
        | undefined
      >
    | undefined
  >;
  components?: { schemas?: Record<string, Schema> };
};

export type SchemaLine = { name: string; type: string; required: boolean; description: string };
export type OperationLine = {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  auth: string;
  parameters: SchemaLine[];
  body: SchemaLine[];
  bodyType: string;
  responses: { status: string; description: string }[];
};

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

function resolve(doc: Doc, s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
  return s;
}

/** A schema's type as one short phrase: `string`, `integer`, `"a" | "b"`, `array of Tag`, `Section | null`. */
export function typeOf(doc: Doc, raw: Schema | undefined): string {
  if (!raw) return 'any';
  if (raw.$ref) return raw.$ref.replace('#/components/schemas/', '');
  if (raw.enum) return raw.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = raw.anyOf ?? raw.oneOf;
  if (alternatives) return alternatives.map((a) => typeOf(doc, a)).join(' | ');
  const type = Array.isArray(raw.type) ? raw.type.join(' | ') : raw.type;
  if (type === 'array') return `array of ${typeOf(doc, raw.items)}`;
  return type ?? 'object';
}

function fieldsOf(doc: Doc, raw: Schema | undefined): SchemaLine[] {
  const s = resolve(doc, raw);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    type: typeOf(doc, p),
    required: required.has(name),
    description: resolve(doc, p).description ?? p.description ?? '',
  }));
}

/** Every operation of the document in path order, ready to print. */
export function describeOperations(document: object): OperationLine[] {
  const doc = document as Doc;
  const out: OperationLine[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      const [bodyType, body] = Object.entries(content)[0] ?? ['', undefined];
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      out.push({
        anchor: `${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        auth: schemes.includes('queryKey') ? 'Content or admin key' : 'Admin key',
        parameters: (op.parameters ?? []).map((p) => ({
          name: `${p.name} (${p.in})`,
          type: typeOf(doc, p.schema),
          required: Boolean(p.required),
          description: p.description ?? p.schema?.description ?? '',
        })),
        body: fieldsOf(doc, body?.schema),
        bodyType,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' })),
      });
    }
  }
  return out;
}
