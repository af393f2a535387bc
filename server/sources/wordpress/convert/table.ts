import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import type { ConvertContext } from './context';
import { childElements, descendants, textOf } from './dom';
import { cleanText } from './text';

const rowsOf = (table: Element): Element[] => {
  // Rows of this table only: a table nested in a cell is read as that cell's text.
  const rows: Element[] = [];
  const walk = (element: Element) => {
    for (const child of childElements(element)) {
      if (child.name === 'tr') rows.push(child);
      else if (child.name !== 'table') walk(child);
    }
  };
  walk(table);
  return rows;
};

/**
 * Byline has no table block, so a table becomes one paragraph a row. When the first row is all header cells,
 * each later cell is named by its header ("Sailing: First; Leaves: 06:40"), which reads well aloud.
 */
export function convertTable(table: Element, ctx: ConvertContext): Block[] {
  ctx.notes.push('converted table to text');
  const caption = childElements(table).find((child) => child.name === 'caption');
  const rows = rowsOf(table).map((row) =>
    childElements(row).filter((cell) => cell.name === 'td' || cell.name === 'th'),
  );
  const header = rows[0]?.length && rows[0].every((cell) => cell.name === 'th') ? rows.shift() : undefined;
  const headerText = header?.map((cell) => cleanText(textOf(cell.children)));
  const lines: string[] = [];
  if (caption) lines.push(cleanText(textOf(caption.children)));
  if (headerText && !rows.length) lines.push(headerText.filter(Boolean).join('; '));
  for (const cells of rows) {
    const texts = cells.map((cell, index) => {
      const text = cleanText(textOf(cell.children));
      const name = headerText?.[index];
      return text && name ? `${name}: ${text}` : text;
    });
    lines.push(texts.filter(Boolean).join('; '));
  }
  return lines.filter(Boolean).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
}

/** A figure that holds a table (the block editor's table block): the table, then its caption. */
export function convertTableFigure(figure: Element, ctx: ConvertContext): Block[] {
  const blocks: Block[] = [];
  const outermost = (table: Element) => {
    for (let up = table.parent; up && up !== figure; up = up.parent) if ((up as Element).name === 'table') return false;
    return true;
  };
  for (const table of descendants(figure.children)) {
    if (table.name === 'table' && outermost(table)) blocks.push(...convertTable(table, ctx));
  }
  const caption = childElements(figure).find((child) => child.name === 'figcaption');
  const captionText = caption ? cleanText(textOf(caption.children)) : '';
  if (captionText) blocks.push({ type: 'paragraph', content: [{ type: 'text', text: captionText }] });
  return blocks;
}
