/**
 * The analysis area: mounted as tabs of the campaign page, the rules panel of the program page, the
 * school's recommendations page and the public report page (outside the login).
 */
export function AnalysisTab(_props: { campaignId: number }) {
  return null;
}
export function ConclusionsTab(_props: { campaignId: number }) {
  return null;
}
export function RecommendationsTab(_props: { campaignId: number }) {
  return null;
}
export function ReportTab(_props: { campaignId: number }) {
  return null;
}
export function RulesPanel(_props: { programId: number; canEdit: boolean }) {
  return null;
}
export function MyRecommendationsPage() {
  return null;
}
export function PublicReportPage() {
  return null;
}
