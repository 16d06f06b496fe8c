#include "http/trust_page.h"

namespace smr::http {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

Response plain(Status status, std::string type, std::string body) {
  Response res{status, 11};
  res.set(Field::content_type, type);
  res.set(Field::cache_control, "no-store");
  res.body() = share(std::move(body));
  return res;
}

}  // namespace

std::string trust_page_html(const TrustInfo& info) {
  const auto fp = escape(info.fingerprint);
  return R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust this SMR Coach server</title></head>
<body>
<main id="trust">
<h1>Trust this SMR Coach server</h1>
<p>This computer made its own small certificate authority, so that your phone can open SMR Coach over
<strong>https</strong>: only then will the browser keep the screen awake during a hold, speak the cues and work
offline. It is used for this server only. Trust it once on each device.</p>
<p>First check that it is the right one: the fingerprint below must be the same as the one <code>smr serve</code>
printed in the terminal.</p>
<p>SHA-256 fingerprint:<br><code id="fingerprint">)" +
         fp + R"(</code></p>
<p><a id="download" href="/ca.crt" download="smr-coach-ca.crt">Download the certificate (smr-coach-ca.crt)</a></p>
<h2>iPhone and iPad</h2>
<ol>
<li>Open this page in Safari and tap the download link; allow the configuration profile.</li>
<li>Settings &gt; General &gt; VPN &amp; Device Management: tap the profile and <em>Install</em>.</li>
<li>Settings &gt; General &gt; About &gt; Certificate Trust Settings: turn on full trust for
"SMR Coach local CA".</li>
</ol>
<h2>Android</h2>
<ol>
<li>Tap the download link.</li>
<li>Settings &gt; Security (or Security &amp; privacy &gt; More security settings) &gt; Encryption &amp; credentials
&gt; Install a certificate &gt; <em>CA certificate</em>, and choose smr-coach-ca.crt.</li>
<li>Close and reopen the browser, then open the https address again.</li>
</ol>
<h2>Desktop</h2>
<ul>
<li>Chrome and Edge: Settings &gt; Privacy and security &gt; Security &gt; Manage certificates &gt; Authorities
&gt; Import, and tick "Trust this certificate for identifying websites".</li>
<li>Firefox: Settings &gt; Privacy &amp; Security &gt; Certificates &gt; View Certificates &gt; Authorities &gt;
Import, and tick "Trust this CA to identify websites".</li>
<li>Safari on a Mac: open the file in Keychain Access, then set "When using this certificate" to Always Trust.</li>
</ul>
<p>To stop trusting it later, remove "SMR Coach local CA" in the same place.</p>
<p><a href="/">Back to SMR Coach</a></p>
</main>
</body></html>
)";
}

std::optional<Response> trust_route(const Request& request, const TrustInfo& info) {
  const auto& s = request.segments();
  if (s.size() != 1 || (s[0] != "ca.crt" && s[0] != "trust")) return std::nullopt;
  if (request.method() != Verb::get && request.method() != Verb::head) {
    auto res = plain(Status::method_not_allowed, "text/plain; charset=utf-8", "only GET and HEAD\n");
    res.set(Field::allow, "GET, HEAD");
    return res;
  }
  if (s[0] == "ca.crt") {
    auto res = plain(Status::ok, "application/x-x509-ca-cert", info.ca_cert_pem);
    res.set(Field::content_disposition, "attachment; filename=\"smr-coach-ca.crt\"");
    return res;
  }
  return plain(Status::ok, "text/html; charset=utf-8", trust_page_html(info));
}

}  // namespace smr::http
