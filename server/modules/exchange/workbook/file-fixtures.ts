import { strToU8, zipSync, type Zippable } from 'fflate';

/** Test support: workbooks and hostile ZIPs built in the tests themselves (fflate writes the ZIP). */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const columnName = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** The XML of a sheet whose cells are inline strings; `extra` is appended inside <sheetData>. */
export function sheetXml(rows: string[][], extra = ''): string {
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">` +
        cells
          .map((v, c) =>
            v === ''
              ? ''
              : `<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`,
          )
          .join('') +
        '</row>',
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>${body}${extra}</sheetData></worksheet>`;
}

/** The parts of a minimal .xlsx with the given sheets (name → sheet XML), plus any other parts. */
export function workbookParts(sheets: Record<string, string>, other: Zippable = {}): Zippable {
  const names = Object.keys(sheets);
  const parts: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0"?><workbook><sheets>' +
        names
          .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships>' +
        names
          .map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        '</Relationships>',
    ),
    ...other,
  };
  names.forEach((n, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheets[n])));
  return parts;
}

export const zip = (parts: Zippable) => Buffer.from(zipSync(parts, { level: 6 }));

/**
 * A ZIP whose part `name` declares `size` unpacked bytes, in its local header and in the central directory
 * alike (fflate writes no data descriptors): the declared size lies, the deflate stream does not.
 */
export function withDeclaredSize(file: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(file);
  const encoded = Buffer.from(name);
  let patched = 0;
  for (let i = 0; i < out.length - 46; i++) {
    const signature = out.readUInt32LE(i);
    if (signature === 0x04034b50 && out.subarray(i + 30, i + 30 + encoded.length).equals(encoded)) {
      out.writeUInt32LE(size, i + 22);
      patched++;
    } else if (signature === 0x02014b50 && out.subarray(i + 46, i + 46 + encoded.length).equals(encoded)) {
      out.writeUInt32LE(size, i + 24);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`part ${name} found ${patched} times instead of 2`);
  return out;
}
