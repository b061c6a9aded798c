/** Shapes of the documents API (server/modules/documents). */

export type DocumentKind = 'report' | 'letters' | 'general-letter' | 'stat-forms' | 'archive';

export interface DocumentCatalog {
  campaignId: number;
  isFrozen: boolean;
  isPublished: boolean;
  letterNumber: string | null;
  letterDate: string | null;
  documents: { kind: DocumentKind; title: string; description: string; format: string }[];
  addressees: { id: number; name: string; recommendations: number }[];
  warnings: string[];
}

export interface DocumentJob {
  id: string;
  kind: DocumentKind;
  campaignId: number;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  stage: string;
  error: string | null;
  fileName: string | null;
  size: number | null;
  downloadUrl: string | null;
}

export interface OwnLetter {
  campaignId: number;
  campaignTitle: string;
  campaignYear: number;
  organizationId: number;
  organizationName: string;
  url: string;
}

export type LetterBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'item'; number: number; text: string; details: string | null };

/** What a letter says: the same structure the Word document is printed from. */
export interface LetterContent {
  organizationId: number | null;
  letterhead: {
    name: string;
    departmentName: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    requisites: string | null;
  };
  registration: string;
  addressee: string[];
  title: string;
  blocks: LetterBlock[];
  closing: string;
  signer: { position: string; name: string };
  executor: string[];
}

/** «1,2 МБ», «340 КБ» */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}
