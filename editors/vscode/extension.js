'use strict';
// Starts `pmlint lsp` for Markdown files. Everything else (which files are post-mortems,
// pmlint.toml, diagnostics, quick fixes, hover) is the language server's job.

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** How to start the server: the configured executable with the `lsp` subcommand. */
function serverOptions(config) {
  const command = config.get('path', 'pmlint') || 'pmlint';
  return { command, args: ['lsp'] };
}

function clientOptions(config) {
  return {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    initializationOptions: { allMarkdown: config.get('allMarkdown', false) },
  };
}

async function activate(context) {
  const config = vscode.workspace.getConfiguration('pmlint');
  client = new LanguageClient('pmlint', 'pmlint', serverOptions(config), clientOptions(config));
  context.subscriptions.push(
    vscode.commands.registerCommand('pmlint.restart', () => client.restart()),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
