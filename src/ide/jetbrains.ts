export interface JetBrainsMapping {
  name: string;
  /** Project-relative schema path. */
  schema: string;
  globs: string[];
}

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function entry(m: JetBrainsMapping): string {
  const patterns = m.globs
    .map(
      (g) => `                  <Item>
                    <option name="pattern" value="true" />
                    <option name="path" value="${esc(g)}" />
                    <option name="mappingKind" value="Pattern" />
                  </Item>`,
    )
    .join('\n');
  return `        <entry key="${esc(m.name)}">
          <value>
            <SchemaInfo>
              <option name="generatedName" value="${esc(m.name)}" />
              <option name="name" value="${esc(m.name)}" />
              <option name="relativePathToSchema" value="${esc(m.schema)}" />
              <option name="schemaVersion" value="JSON Schema version 7" />
              <option name="patterns">
                <list>
${patterns}
                </list>
              </option>
            </SchemaInfo>
          </value>
        </entry>`;
}

/**
 * `.idea/jsonSchemas.xml` (JsonSchemaMappingsProjectConfiguration): our entries are replaced by key,
 * every other mapping of the project is kept.
 */
export function mergeJetBrainsSchemas(existing: string | undefined, mappings: JetBrainsMapping[]): string {
  if (!existing || existing.trim() === '') {
    return `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="JsonSchemaMappingsProjectConfiguration">
    <state>
      <map>
${mappings.map(entry).join('\n')}
      </map>
    </state>
  </component>
</project>
`;
  }
  if (!existing.includes('JsonSchemaMappingsProjectConfiguration') || !existing.includes('</map>')) {
    throw new Error(
      'does not look like a JetBrains JSON schema mapping file; fix it or move it aside, then run again',
    );
  }
  let text = existing;
  for (const m of mappings) {
    const re = new RegExp(
      `[ \\t]*<entry key="${esc(m.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">[\\s\\S]*?</entry>\\n?`,
    );
    if (re.test(text)) text = text.replace(re, `${entry(m)}\n`);
    else text = text.replace(/([ \t]*)<\/map>/, `${entry(m)}\n$1</map>`);
  }
  return text;
}
