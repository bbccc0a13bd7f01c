'use strict';
// Activates the extension against stand-ins for `vscode` and `vscode-languageclient`, so
// it runs with plain Node: no VS Code, no `npm install`, no network.

const assert = require('assert');
const Module = require('module');
const path = require('path');

const settings = { path: '/opt/bin/pmlint', allMarkdown: true };
const started = [];
const commands = [];
const stubs = {
  vscode: {
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, 'pmlint');
        return { get: (key, fallback) => (key in settings ? settings[key] : fallback) };
      },
    },
    commands: {
      registerCommand: (id, fn) => {
        commands.push(id);
        return { dispose() {} };
      },
    },
  },
  'vscode-languageclient/node': {
    LanguageClient: class {
      constructor(id, name, server, client) {
        Object.assign(this, { id, name, server, client, running: false });
      }
      async start() {
        this.running = true;
        started.push(this);
      }
      async stop() {
        this.running = false;
      }
    },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return Object.prototype.hasOwnProperty.call(stubs, request) ? stubs[request] : load.call(this, request, ...rest);
};

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const ext = require(path.join(root, pkg.main));

(async () => {
  assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
  assert.ok(pkg.dependencies['vscode-languageclient']);
  for (const key of Object.keys(settings)) {
    assert.ok(pkg.contributes.configuration.properties[`pmlint.${key}`], `pmlint.${key} is declared`);
  }

  const context = { subscriptions: [] };
  await ext.activate(context);
  assert.strictEqual(started.length, 1);
  const c = started[0];
  assert.deepStrictEqual(c.server, { command: '/opt/bin/pmlint', args: ['lsp'] });
  assert.ok(c.client.documentSelector.some((s) => s.language === 'markdown' && s.scheme === 'file'));
  assert.deepStrictEqual(c.client.initializationOptions, { allMarkdown: true });
  assert.deepStrictEqual(commands, ['pmlint.restart']);
  assert.strictEqual(context.subscriptions.length, 1);

  delete settings.path;
  assert.deepStrictEqual(ext.serverOptions(stubs.vscode.workspace.getConfiguration('pmlint')).command, 'pmlint');

  await ext.deactivate();
  assert.strictEqual(c.running, false);
  console.log('vscode extension: ok');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
