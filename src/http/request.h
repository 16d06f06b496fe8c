#pragma once
// What a handler sees of a request: the method, the decoded path and query, the headers and the body. A view
// of the server's parsed message: valid during the handler's call only.

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/url_view.hpp>

#include "core/journal.h"
#include "http/forwarded.h"
#include "store/account_records.h"

namespace smr::http {

using Verb = boost::beast::http::verb;
using Field = boost::beast::http::field;
using Status = boost::beast::http::status;
using RequestMessage = boost::beast::http::request<boost::beast::http::string_body>;

// Who sent a request: the socket's remote address (an IPv4 address mapped into IPv6 is given as IPv4), and
// whether it is this machine (docs/pairing.md: only other machines need a paired device).
struct Peer {
  boost::asio::ip::address address = boost::asio::ip::address_v4::loopback();
  bool this_machine = true;

  // The peer of a connection from `remote` to `local` (the server's end): this machine when `remote` is a
  // loopback address, is `local` itself, or is another address of one of this machine's interfaces.
  static Peer of_connection(const boost::asio::ip::address& remote, const boost::asio::ip::address& local);
  // The peer at `address` (a client forwarded by a trusted proxy): this machine when it is a loopback address
  // or an address of one of this machine's interfaces.
  static Peer of_address(const boost::asio::ip::address& address);
};

// Who a request acts for (docs/accounts.md): in single-person mode (the default) the local person; with
// `smr serve --accounts`, the person of the signed-in session Api::handle authenticated.
struct Identity {
  core::PersonId person_id = core::kLocalPersonId;
  store::Role role = store::Role::kPerson;
  std::string auth_session_id;  // the signed-in session's id; empty in single-person mode and when signed out
  bool signed_in = false;       // accounts mode: a valid session was given
};

class Request {
 public:
  // `target` is the message's target parsed as an origin-form URL (boost::urls::parse_origin_form); both must
  // outlive the Request. `peer`: who sent it (by default this machine, 127.0.0.1); behind a trusted reverse
  // proxy (--trust-proxy), the client the proxy forwarded. `client`: the server's view of the client (scheme,
  // host; forwarded.h), which must outlive the Request too; without it scheme() is "http" (handlers tested on
  // their own).
  Request(const RequestMessage& message, boost::urls::url_view target, Peer peer = {},
          const ClientView* client = nullptr);

  // The client's address: the socket's peer, or behind a trusted proxy the address it forwarded.
  const boost::asio::ip::address& peer() const { return peer_.address; }
  // True for a request from this machine: loopback, or one of this machine's own addresses. Such requests need
  // no paired device.
  bool from_this_machine() const { return peer_.this_machine; }

  Verb method() const { return message_->method(); }
  // As sent ("GET", or an unknown method's text, for which method() is Verb::unknown).
  std::string_view method_name() const { return message_->method_string(); }
  // The target as sent, e.g. "/api/catalog/exercises?region=calves".
  std::string_view target() const { return message_->target(); }
  // The percent-decoded path segments: "/api/catalog/regions" is {"api", "catalog", "regions"}, "/" is {}.
  const std::vector<std::string>& segments() const { return segments_; }
  // The percent-decoded query parameters, in order (a name may occur more than once).
  boost::urls::params_view query() const { return target_.params(); }
  // The header's value, "" when absent.
  std::string_view header(Field field) const { return (*message_)[field]; }
  // A header Beast has no Field for ("Sec-Fetch-Site"), by name, case-insensitive; "" when absent.
  std::string_view header(std::string_view name) const { return (*message_)[name]; }
  // How many times the header occurs.
  std::size_t header_count(Field field) const { return message_->count(field); }
  const std::string& body() const { return message_->body(); }
  // "https" over TLS, or when a trusted proxy says so; "http" otherwise.
  std::string_view scheme() const { return client_ ? std::string_view(client_->scheme) : std::string_view("http"); }
  // The peer is a trusted proxy that forwarded the client's address.
  bool via_proxy() const { return client_ && client_->via_proxy; }
  // Who the request acts for: every handler reads the person from here, never core::kLocalPersonId.
  const Identity& identity() const { return identity_; }
  // This request acting for `identity` (a view of the same message).
  Request with_identity(Identity identity) const {
    Request out = *this;
    out.identity_ = std::move(identity);
    return out;
  }

 private:
  const RequestMessage* message_;
  boost::urls::url_view target_;
  std::vector<std::string> segments_;
  Peer peer_;
  const ClientView* client_ = nullptr;
  Identity identity_;
};

}  // namespace smr::http
