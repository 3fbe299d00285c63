// `npm run api:check` / `npm run api:update`: the API reports of the four entries (api/*.api.md),
// made by API Extractor from the built declarations in dist/. `api:check` fails when a report
// differs from the committed one (a change to the public API must be reviewed and committed with
// `npm run api:update`).
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const localBuild = process.argv.includes("--update");
let failed = false;
for (const name of readdirSync(here).filter((file) => file.endsWith(".api-extractor.json")).sort()) {
  const config = ExtractorConfig.loadFileAndPrepare(join(here, name));
  const result = Extractor.invoke(config, { localBuild, messageCallback: (message) => {
    // Findings are written into the reports; only report changes and errors decide the outcome.
    if (message.logLevel !== "error") message.handled = true;
  } });
  const report = join("api", `${config.reportConfigs[0]?.fileName ?? name}`);
  if (result.apiReportChanged) {
    console.error(`${report}: the public API changed${localBuild ? " (updated)" : "; review it and run npm run api:update"}`);
    if (!localBuild) failed = true;
  } else console.log(`${report}: unchanged`);
  if (result.errorCount > 0) failed = true;
}
process.exit(failed ? 1 : 0);
