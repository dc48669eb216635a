/** The testbed deployment's live state: users, tokens, workspaces and agents. */
package dev.coderdesktop.testbed.deployment;
