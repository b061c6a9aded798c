/**
 * СНИЛС (страховой номер индивидуального лицевого счёта): nine digits of the number and two check digits.
 * One implementation of the check number serves the API, the forms, the workbook import and the demo data.
 */

/** СНИЛС is stored as its 11 digits, so «123-456-789 01» and «12345678901» are the same person. */
export const snilsDigits = (value: string) => value.replace(/\D/g, '');

/** «123-456-789 01» for 11 digits; any other text as it was. */
export function formatSnils(value: string): string {
  const d = snilsDigits(value);
  return d.length === 11 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}` : value;
}

/**
 * The two check digits of a number of nine digits: the digits weighted 9 down to 1 are summed; a sum below
 * 100 is the check number itself, 100 and 101 give «00», a larger sum is taken modulo 101 (and 100 again
 * gives «00»).
 */
export function snilsCheckNumber(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits))
    throw new Error(`СНИЛС: ожидается 9 цифр номера, получено «${nineDigits}»`);
  const sum = [...nineDigits].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  const check = sum < 100 ? sum : sum % 101 === 100 ? 0 : sum % 101;
  return String(check).padStart(2, '0');
}

/** Numbers up to 001-001-998 were issued before the check number was introduced and are not checked. */
const LAST_UNCHECKED = 1_001_998;

/**
 * Whether the check digits of a СНИЛС of 11 digits (dashes and spaces allowed) are right. Text that is not
 * 11 digits is not judged here: its format is reported by its own message.
 */
export function hasValidSnilsChecksum(value: string): boolean {
  const d = snilsDigits(value);
  if (d.length !== 11) return true;
  const number = d.slice(0, 9);
  if (Number(number) <= LAST_UNCHECKED) return true;
  return d.slice(9) === snilsCheckNumber(number);
}

export const SNILS_CHECKSUM_MESSAGE = 'неверное контрольное число';

/** A СНИЛС of 11 digits completed with its check number, for demo data and tests. */
export const completeSnils = (nineDigits: string) => nineDigits + snilsCheckNumber(nineDigits);
