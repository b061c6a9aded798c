/**
 * What an organization's website must publish (приказ Рособрнадзора от 04.08.2023 № 1493: the section
 * «Сведения об образовательной организации» at /sveden/ with its subsections; seeds 001 and 004: the
 * mentoring section and the monitoring results), and how a crawled page is matched against it.
 */

export interface WebsiteRequirementRule {
  /** A stable code the formula function `websites(requirement = "...")` names. */
  code: string;
  title: string;
  /** Words looked for in link texts, headings and the page title (not in body text: «образование» is everywhere). */
  keywords: string[];
  /** URL paths (prefixes) that mean the item is published, e.g. `/sveden/employees`. */
  paths: string[];
}

export const DEFAULT_WEBSITE_REQUIREMENTS: readonly WebsiteRequirementRule[] = [
  {
    code: 'sveden',
    title: 'Раздел «Сведения об образовательной организации»',
    keywords: ['Сведения об образовательной организации'],
    paths: ['/sveden'],
  },
  {
    code: 'managers',
    title: 'Подраздел «Руководство»',
    keywords: ['Руководство'],
    paths: ['/sveden/managers'],
  },
  {
    code: 'employees',
    title: 'Подраздел «Педагогический состав»',
    keywords: ['Педагогический состав'],
    paths: ['/sveden/employees'],
  },
  { code: 'documents', title: 'Подраздел «Документы»', keywords: ['Документы'], paths: ['/sveden/document'] },
  {
    code: 'education',
    title: 'Подраздел «Образование»',
    keywords: ['Образование'],
    paths: ['/sveden/education'],
  },
  {
    code: 'mentoring',
    title: 'Раздел «Наставничество»',
    keywords: ['Наставничество', 'Целевая модель наставничества'],
    paths: ['/nastavnichestvo', '/mentoring'],
  },
  {
    code: 'monitoring',
    title: 'Результаты мониторинга (аналитическая справка)',
    keywords: ['Результаты мониторинга', 'Аналитическая справка'],
    paths: [],
  },
];

/** Lower case, «ё» as «е», runs of spaces as one: how both sides are compared. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** What one crawled HTML page offers to the matcher. */
export interface PageFacts {
  url: string;
  /** The title and h1–h3 headings. */
  headings: string[];
  /** Same-site links: text and absolute URL. */
  links: { text: string; url: string }[];
}

/** Where a requirement was found on a page, or null: a matching path, a heading, or a link's target. */
export function matchRequirement(rule: WebsiteRequirementRule, page: PageFacts): string | null {
  const pathOf = (url: string) => decodeURI(new URL(url).pathname).toLowerCase().replace(/\/+$/, '');
  const pathHits = (url: string) =>
    rule.paths.some((p) => {
      const prefix = p.toLowerCase().replace(/\/+$/, '');
      const path = pathOf(url);
      return prefix !== '' && (path === prefix || path.startsWith(prefix + '/'));
    });
  if (pathHits(page.url)) return page.url;
  const words = rule.keywords.map(normalizeText).filter((w) => w !== '');
  const has = (text: string) => {
    const t = normalizeText(text);
    return words.some((w) => t.includes(w));
  };
  if (page.headings.some(has)) return page.url;
  const link = page.links.find((l) => has(l.text) || pathHits(l.url));
  return link ? link.url : null;
}
