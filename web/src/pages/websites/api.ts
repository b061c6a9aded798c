/** Mirrors WebsiteChecksOutput (server/modules/websites/websites.schema.ts). */
export interface Requirement {
  code: string;
  title: string;
  keywords: string[];
  paths: string[];
  isActive: boolean;
}

export interface Override {
  isFound: boolean;
  url: string | null;
  comment: string | null;
  setBy: string;
  setAt: string;
}

export interface CheckItem {
  code: string;
  title: string;
  /** What counts: the override where there is one, else the crawl. */
  isFound: boolean;
  url: string | null;
  crawled: { isFound: boolean; url: string | null } | null;
  override: Override | null;
}

export interface CheckRow {
  organizationId: number;
  organization: string;
  siteUrl: string | null;
  error: string | null;
  pagesVisited: number;
  checkedAt: string;
  items: CheckItem[];
}

export interface WebsiteChecks {
  canRun: boolean;
  checklistVersion: number;
  requirements: Requirement[];
  run: {
    id: number;
    status: 'running' | 'done' | 'failed';
    done: number;
    total: number;
    error: string | null;
    startedAt: string;
    finishedAt: string | null;
  } | null;
  rows: CheckRow[];
}
