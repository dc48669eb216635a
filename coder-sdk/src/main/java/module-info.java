// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** A client for the parts of the Coder REST API that Coder Desktop needs. */
module dev.coderdesktop.coder.sdk {
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires java.logging;

  exports dev.coderdesktop.coder.sdk;
  exports dev.coderdesktop.coder.sdk.net;
  exports dev.coderdesktop.coder.sdk.signin;
  exports dev.coderdesktop.coder.sdk.workspace;

  opens dev.coderdesktop.coder.sdk to
      com.fasterxml.jackson.databind;
  opens dev.coderdesktop.coder.sdk.workspace to
      com.fasterxml.jackson.databind;
}
