/**
 * Reading the hub's OpenAPI document in tests: a validator for one documented schema (Ajv, draft
 * 2020-12, the document's components alongside so its `$ref`s resolve), and the documented
 * response schema of one operation and status.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;

export class OpenApiSchemas {
  // Formats are not checked (IsoTime's pattern already is): `format` is an annotation in 2020-12.
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

  constructor(private readonly doc: Json) {}

  /** A validator of `schema` (a component `$ref` or an inline schema) within the document. */
  validator(schema: Json): ValidateFunction {
    return this.ajv.compile({ ...schema, components: this.doc.components });
  }

  /** The JSON schema the document gives for `method path` answering `status` (path as the document writes it). */
  responseSchema(method: string, path: string, status: number): Json {
    const paths = this.doc.paths as Record<string, Record<string, Json>>;
    const op = paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`the document has no ${method} ${path}`);
    let response = (op.responses as Record<string, Json>)[String(status)];
    if (!response) throw new Error(`the document gives ${method} ${path} no ${status} answer`);
    // A refusal many routes share is a `$ref` to components/responses.
    if (typeof response.$ref === 'string') response = ((this.doc.components as Json).responses as Record<string, Json>)[response.$ref.split('/').at(-1) ?? ''] ?? {};
    const content = response.content as Record<string, { schema: Json }> | undefined;
    const schema = content?.['application/json']?.schema;
    if (!schema) throw new Error(`the document gives ${method} ${path} ${status} no JSON schema`);
    return schema;
  }

  /** The validation errors of `body` as the answer of `method path status`, in words (empty when it fits). */
  check(method: string, path: string, status: number, body: unknown): string[] {
    const validate = this.validator(this.responseSchema(method, path, status));
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${method} ${path} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
