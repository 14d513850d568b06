/**
 * People round the numbers they ask about ("the govt's 13k GPUs", "약 1만 장" for 10,080): a fact
 * stating 13,136 is also found by 13,000. A number of four digits or more gets its roundings to one
 * and two significant digits that lie within 5% of it (13,136 → 13,000; 10,080 → 10,000; not
 * 13,136 → 10,000). Not a year (1900–2100): 2025 is not 2,000 of anything.
 */
export function roundedForms(token: string): string[] {
  if (!/^[1-9]\d{3,}$/.test(token)) return [];
  const n = Number(token);
  if (n >= 1900 && n <= 2100) return [];
  const forms: string[] = [];
  for (const digits of [1, 2]) {
    const unit = 10 ** (token.length - digits);
    const r = Math.round(n / unit) * unit;
    if (r !== n && Math.abs(r - n) / n <= 0.05 && !forms.includes(String(r))) forms.push(String(r));
  }
  return forms;
}
