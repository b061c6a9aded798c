/** Splits formula text into tokens. Whitespace and `#` comments are skipped. */

import type { CompareOperator } from './ast.ts';
import { ErrorSink } from './errors.ts';

export type Keyword = 'and' | 'or' | 'not' | 'in';

export type Token =
  | { kind: 'number'; value: number; text: string; position: number; length: number }
  | { kind: 'string'; value: string; text: string; position: number; length: number }
  | { kind: 'identifier'; value: string; text: string; position: number; length: number }
  | { kind: 'keyword'; value: Keyword; text: string; position: number; length: number }
  | { kind: 'compare'; value: CompareOperator; text: string; position: number; length: number }
  | {
      kind: 'punct';
      value: '(' | ')' | ',' | '+' | '-' | '*' | '/';
      text: string;
      position: number;
      length: number;
    }
  | { kind: 'end'; value: ''; text: ''; position: number; length: 0 };

export type TokenKind = Token['kind'];

/** Keywords are case-insensitive and have Russian spellings. */
const KEYWORDS: Record<string, Keyword> = {
  and: 'and',
  или: 'or',
  or: 'or',
  not: 'not',
  in: 'in',
  и: 'and',
  не: 'not',
};

/** Typographic signs that word processors put in place of the ASCII ones. */
const TYPOGRAPHIC: Record<string, string> = {
  '−': '-',
  '–': '-',
  '×': '*',
  '÷': '/',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
};

/** Opening quote → closing quote. Word turns "…" into «…» or “…”, so those are strings too. */
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' };

/** Hints for signs people bring from spreadsheets and programming languages. */
const SIGN_HINTS: Record<string, string> = {
  '==': 'Для равенства пишется один знак «=».',
  '<>': 'Для «не равно» пишется «!=».',
  '&&': 'Для «и» пишется «and» или запятая.',
  '&': 'Для «и» пишется «and» или запятая.',
  '||': 'Для «или» пишется «or».',
  '|': 'Для «или» пишется «or».',
  '!': 'Для отрицания пишется «not», для «не равно» — «!=».',
  ';': 'Условия разделяются запятой.',
  "'": 'Строки заключаются в двойные кавычки: "математика".',
};

const isIdentifierStart = (ch: string) => /[\p{L}_]/u.test(ch);
const isIdentifierPart = (ch: string) => /[\p{L}\p{N}_]/u.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Tokens of `text`, ending with an `end` token, and the lexical errors (bad signs, open strings). */
export function tokenize(
  text: string,
  sink: ErrorSink = new ErrorSink(text),
): { tokens: Token[]; sink: ErrorSink } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(ch)) {
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      // `1.`, `1.2.3`, `5years`: a number glued to something that cannot follow it.
      if (text[i] === '.' || (i < text.length && isIdentifierPart(text[i]))) {
        while (i < text.length && (text[i] === '.' || isIdentifierPart(text[i]))) i++;
        sink.add(
          start,
          i - start,
          `Неверная запись числа «${text.slice(start, i)}»`,
          'Число пишется цифрами, дробная часть — через точку: 0.5.',
        );
        continue;
      }
      const numberText = text.slice(start, i);
      tokens.push({
        kind: 'number',
        value: Number(numberText),
        text: numberText,
        position: start,
        length: i - start,
      });
      continue;
    }
    if (isIdentifierStart(ch)) {
      while (i < text.length && isIdentifierPart(text[i])) i++;
      const word = text.slice(start, i);
      const keyword = KEYWORDS[word.toLowerCase()];
      tokens.push(
        keyword
          ? { kind: 'keyword', value: keyword, text: word, position: start, length: word.length }
          : { kind: 'identifier', value: word, text: word, position: start, length: word.length },
      );
      continue;
    }
    if (ch in QUOTES) {
      const close = QUOTES[ch];
      let value = '';
      i++;
      let closed = false;
      while (i < text.length && text[i] !== '\n') {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === close) {
          closed = true;
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (!closed) {
        sink.add(start, i - start, `Не закрыта строка: нет закрывающей кавычки «${close}»`);
      }
      tokens.push({ kind: 'string', value, text: text.slice(start, i), position: start, length: i - start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=') {
      tokens.push({ kind: 'compare', value: two, text: two, position: start, length: 2 });
      i += 2;
      continue;
    }
    if (two.length === 2 && two in SIGN_HINTS) {
      sink.add(start, 2, `Недопустимый знак «${two}»`, SIGN_HINTS[two]);
      i += 2;
      continue;
    }
    const sign = TYPOGRAPHIC[ch] ?? ch;
    if (sign === '=' || sign === '<' || sign === '>' || sign === '<=' || sign === '>=' || sign === '!=') {
      tokens.push({ kind: 'compare', value: sign, text: ch, position: start, length: 1 });
      i++;
      continue;
    }
    if (
      sign === '(' ||
      sign === ')' ||
      sign === ',' ||
      sign === '+' ||
      sign === '-' ||
      sign === '*' ||
      sign === '/'
    ) {
      tokens.push({ kind: 'punct', value: sign, text: ch, position: start, length: 1 });
      i++;
      continue;
    }
    sink.add(start, 1, `Недопустимый символ «${ch}»`, SIGN_HINTS[ch]);
    i++;
  }
  tokens.push({ kind: 'end', value: '', text: '', position: text.length, length: 0 });
  return { tokens, sink };
}
