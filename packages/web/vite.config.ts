import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The app is served by the platform server from dist/ (hashed assets, no CDN). */
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
});
