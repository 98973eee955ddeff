#!/usr/bin/env bash
# Start CUPS with PDF printers for the printing test. Source it: `. .ci/cups.sh`.
# Sets CHAIRSIDE_TEST_PRINTER (a working queue whose jobs become PDF files in
# CHAIRSIDE_TEST_PRINT_OUTPUT), CHAIRSIDE_TEST_STOPPED_PRINTER (a stopped queue, which refuses
# jobs) and CHAIRSIDE_REQUIRE_PRINTER=1, so the test fails instead of skipping if printing
# cannot be tried. Needs root and the Debian packages cups and printer-driver-cups-pdf.
# cups_stop removes the test printers and stops the server if this script started it.
CUPS_STARTED_PID=
cups_stop() {
  lpadmin -x ChairsidePDF 2>/dev/null || true
  lpadmin -x ChairsideStopped 2>/dev/null || true
  if [ -n "$CUPS_STARTED_PID" ]; then kill "$CUPS_STARTED_PID" 2>/dev/null || true; fi
}
if ! command -v lpadmin >/dev/null 2>&1 || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
  echo "CUPS or cups-pdf is not installed; the printing test will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi
CUPS_OUT=$(mktemp -d /tmp/chairside-printed.XXXXXX)
chmod 1777 "$CUPS_OUT"
# cups-pdf:/chairside reads /etc/cups/cups-pdf-chairside.conf: PDFs land in $CUPS_OUT.
printf 'Out %s\nAnonDirName %s\n' "$CUPS_OUT" "$CUPS_OUT" > /etc/cups/cups-pdf-chairside.conf
if ! lpstat -r 2>/dev/null | grep "is running" >/dev/null; then
  /usr/sbin/cupsd -f >/dev/null 2>&1 &
  CUPS_STARTED_PID=$!
fi
for _ in $(seq 50); do lpstat -r 2>/dev/null | grep "is running" >/dev/null && break; sleep 0.2; done
PPD=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
lpadmin -p ChairsidePDF -E -v cups-pdf:/chairside -m "$PPD" 2>/dev/null &&
  lpadmin -p ChairsideStopped -E -v cups-pdf:/chairside -m "$PPD" 2>/dev/null &&
  cupsdisable ChairsideStopped
lpstat -p ChairsidePDF -p ChairsideStopped >&2 || true
export CHAIRSIDE_TEST_PRINTER=ChairsidePDF
export CHAIRSIDE_TEST_STOPPED_PRINTER=ChairsideStopped
export CHAIRSIDE_TEST_PRINT_OUTPUT="$CUPS_OUT"
export CHAIRSIDE_REQUIRE_PRINTER=1
