/** Network namespaces, sshd and agent processes for the testbed (Linux, root). */
package dev.coderdesktop.testbed.netns;
