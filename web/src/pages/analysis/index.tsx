import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '../../components/common.tsx';

/**
 * The analysis area: mounted as tabs of the campaign page, the rules panel of the program page, the
 * school's recommendations page and the public report page (outside the login). The pages with charts
 * load on demand, so ECharts is fetched only by those who open them.
 */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, label?: string) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={<Loading label={label} />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const AnalysisTab = onDemand<{ campaignId: number }>(
  async () => (await import('./AnalysisTab.tsx')).AnalysisTab,
);
export const PublicReportPage = onDemand<object>(
  async () => (await import('./PublicReportPage.tsx')).PublicReportPage,
  'Загрузка отчёта…',
);
export { ConclusionsTab } from './ConclusionsTab.tsx';
export { MyRecommendationsPage } from './MyRecommendationsPage.tsx';
export { RecommendationsTab } from './RecommendationsTab.tsx';
export { ReportTab } from './ReportTab.tsx';
export { RulesPanel } from './RulesPanel.tsx';
