/** Documents of a campaign (справка, письма, статистические формы): a tab of the campaign page. */
export function DocumentsTab(_props: { campaignId: number }) {
  return null;
}
