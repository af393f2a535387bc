import { RuleTester } from 'eslint';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { serverLayers } from '../../eslint/serverLayers.js';

// RuleTester runs its cases as tests of the runner it is given.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = join(import.meta.dirname, '..', '..');
const at = (path: string) => join(root, path);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('server-layers', serverLayers, {
  valid: [
    { filename: at('server/pages/serve.ts'), code: "import { apiError } from '../http';" },
    { filename: at('server/pages/serve.ts'), code: "import { template } from './template';" },
    { filename: at('server/store/content.ts'), code: "import { changeKey } from '../changes';" },
    { filename: at('server/app.ts'), code: "import { openStore } from './store';" },
    // Tests exercise any part, through its face.
    { filename: at('server/store/content.test.ts'), code: "import { createApp } from '../app';" },
    { filename: at('scripts/backup.ts'), code: "import { openStore } from '../server/store';" },
  ],
  invalid: [
    // Up the layers.
    { filename: at('server/store/feeds.ts'), code: "import { rssFeed } from '../distribution';", errors: 1 },
    { filename: at('server/http/plain.ts'), code: "import { sendPage } from '../pages';", errors: 1 },
    // Across one layer.
    { filename: at('server/sources/x.ts'), code: "import { sendPage } from '../pages';", errors: 1 },
    { filename: at('server/comments/x.ts'), code: "import { rssFeed } from '../distribution';", errors: 1 },
    // Past a face, from code and from tests.
    { filename: at('server/pages/serve.ts'), code: "import { apiError } from '../http/answers';", errors: 1 },
    { filename: at('test/e2e/x.test.ts'), code: "import { template } from '../../server/pages/template';", errors: 1 },
    // A part nobody placed.
    { filename: at('server/app.ts'), code: "import { x } from './newPart';", errors: 1 },
  ],
});
