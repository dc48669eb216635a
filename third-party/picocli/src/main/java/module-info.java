// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** picocli, as its own jar declares it: same name, same export. */
module info.picocli {
  requires static java.sql;

  exports picocli;
}
