/**
 * A calendar day formatted as Ruby's `strftime` (and so Jekyll's `date`
 * filter) formats it, at midnight UTC: `%Y年%-m月` → `2022年1月`. Flags `-`
 * (no padding), `_` (spaces), `0` (zeros), `^` (upper case), `#` (change
 * case) and a width are read as Ruby reads them; a conversion Ruby does not
 * know is printed as written.
 */
export function strftime(format: string, year: number, month: number, day: number): string {
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const wday = date.getUTCDay();
  const yday = Math.round((date.getTime() - start.getTime()) / 86_400_000);
  return format.replace(/%([-_0^#]*)(\d*)([a-zA-Z%+])/g, (whole, flags: string, width: string, conv: string) => {
    const number = (n: number, digits: number, pad = '0') => field(String(Math.abs(n)), n < 0, digits, pad, flags, width);
    const word = (s: string) => field(s, false, 0, ' ', flags, width, true);
    switch (conv) {
      case 'Y':
        return year >= 0 ? number(year, 4) : field(String(-year), true, 5, '0', flags, width);
      case 'C':
        return number(Math.floor(year / 100), 2);
      case 'y':
        return number(((year % 100) + 100) % 100, 2);
      case 'm':
        return number(month, 2);
      case 'd':
        return number(day, 2);
      case 'e':
        return number(day, 2, ' ');
      case 'j':
        return number(yday + 1, 3);
      case 'B':
        return word(MONTHS[month - 1]!);
      case 'b':
      case 'h':
        return word(MONTHS[month - 1]!.slice(0, 3));
      case 'A':
        return word(DAYS[wday]!);
      case 'a':
        return word(DAYS[wday]!.slice(0, 3));
      case 'u':
        return number(wday === 0 ? 7 : wday, 1);
      case 'w':
        return number(wday, 1);
      case 'U':
        return number(Math.floor((yday + 7 - wday) / 7), 2);
      case 'W':
        return number(Math.floor((yday + 7 - ((wday + 6) % 7)) / 7), 2);
      case 's':
        return number(date.getTime() / 1000, 1);
      case 'H':
      case 'M':
      case 'S':
        return number(0, 2);
      case 'I':
        return number(12, 2);
      case 'k':
        return number(0, 2, ' ');
      case 'l':
        return number(12, 2, ' ');
      case 'p':
        return flags.includes('#') ? field('am', false, 0, ' ', flags.replace('#', ''), width, true) : word('AM');
      case 'P':
        return word('am');
      case 'F':
        return field(`${year >= 0 ? String(year).padStart(4, '0') : `-${String(-year).padStart(4, '0')}`}-${pad2(month)}-${pad2(day)}`, false, 0, ' ', flags, width, true);
      case 'D':
      case 'x':
        return field(`${pad2(month)}/${pad2(day)}/${pad2(((year % 100) + 100) % 100)}`, false, 0, ' ', flags, width, true);
      case '%':
        return field('%', false, 0, ' ', flags, width, true);
      default:
        return whole;
    }
  });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A converted field, padded and cased as Ruby's flags and width ask. */
function field(digits: string, negative: boolean, natural: number, naturalPad: string, flags: string, width: string, isText = false): string {
  let s = digits;
  let pad = naturalPad;
  if (flags.includes('_')) pad = ' ';
  if (flags.includes('0')) pad = '0';
  const size = flags.includes('-') ? 0 : width ? Number(width) : natural;
  if (isText) {
    if (flags.includes('^') || flags.includes('#')) s = s.toUpperCase();
    return flags.includes('-') ? s : s.padStart(size, width && !flags.includes('0') ? ' ' : pad);
  }
  if (negative) {
    // Ruby pads after the sign with zeros, before it with spaces.
    return pad === '0' ? `-${s.padStart(Math.max(0, size - 1), '0')}` : `-${s}`.padStart(size, ' ');
  }
  return s.padStart(size, pad);
}
