import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { withParams, type Params } from '../api/client.ts';

/** «Выгрузить в Excel»: a link to a list's workbook with the filters the page shows (the server applies them). */
export function ExcelExportButton({
  url,
  params,
  variant = 'light',
}: {
  url: string;
  params?: Params;
  variant?: 'light' | 'default';
}) {
  return (
    <Button
      component="a"
      href={withParams(url, params)}
      variant={variant}
      leftSection={<IconDownload size={16} />}
    >
      Выгрузить в Excel
    </Button>
  );
}
