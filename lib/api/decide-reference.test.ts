import { describe, expect, it } from 'vitest';
import { describeOperations } from '@/lib/api/decide-reference';
import { openApiDocument } from '@/lib/api/openapi';

describe('the API reference page', () => {
  const ops = describeOperations(openApiDocument('https://news.example.com'));

  it('lists every operation of the served document, with its key kind', () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    expect(names).toContain('GET /articles');
    expect(names).toContain('POST /articles');
    expect(names).toContain('PATCH /articles/{id}');
    expect(names).toContain('POST /articles/{id}/transitions');
    expect(names).toContain('POST /images');
    expect(ops.find((o) => o.method === 'GET' && o.path === '/articles')?.auth).toBe('Content or admin key');
    expect(ops.find((o) => o.method === 'PATCH')?.auth).toBe('Admin key');
    expect(new Set(ops.map((o) => o.anchor)).size).toBe(ops.length);
  });

  it('names parameters, body fields (required marked) and responses', () => {
    const list = ops.find((o) => o.method === 'GET' && o.path === '/articles')!;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['section (query)', 'q (query)', 'cursor (query)', 'fields (query)']),
    );
    const patch = ops.find((o) => o.method === 'PATCH')!;
    expect(patch.body.find((f) => f.name === 'version')).toMatchObject({ required: true, type: 'integer' });
    expect(patch.body.find((f) => f.name === 'headline')).toMatchObject({ required: false, type: 'string' });
    expect(patch.responses.map((r) => r.status)).toEqual(expect.arrayContaining(['200', '409', '422']));
  });
});
