import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * survey-core's stylesheet loads Open Sans from fonts.gstatic.com: a school's page would call a foreign
 * site, and the CSP (font-src 'self') refuses it. The faces are dropped; the survey uses the app's fonts.
 */
function withoutExternalFonts(): Plugin {
  return {
    name: 'pedmonitor-without-external-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('survey-core') || !id.split('?')[0].endsWith('.css')) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*https?:\/\/[^}]*\}/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [withoutExternalFonts(), react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        manualChunks: {
          echarts: ['echarts', 'echarts-for-react'],
          mantine: ['@mantine/core', '@mantine/hooks', '@mantine/notifications', '@mantine/dates'],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
