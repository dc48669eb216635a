/** A client for the parts of the Coder REST API that Coder Desktop needs. */
module dev.coderdesktop.coder.sdk {
  requires okhttp3;
  requires kotlin.stdlib;
  requires com.fasterxml.jackson.databind;
  requires java.logging;

  exports dev.coderdesktop.coder.sdk;
  exports dev.coderdesktop.coder.sdk.net;
  exports dev.coderdesktop.coder.sdk.signin;

  opens dev.coderdesktop.coder.sdk to
      com.fasterxml.jackson.databind;
}
