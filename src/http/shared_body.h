#pragma once
// A Beast body that shares an immutable string instead of copying it: a response prepared once at start-up
// (the catalog, the web assets) is sent to every client without a copy, and a response built for one request
// owns its string the same way. Write-only (requests are read into strings).

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

namespace smr::http {

struct SharedBody {
  // nullptr is an empty body.
  using value_type = std::shared_ptr<const std::string>;

  static std::uint64_t size(const value_type& body) { return body ? body->size() : 0; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&, const value_type& body) : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      ec = {};
      if (sent_ || !body_ || body_->empty()) return boost::none;
      sent_ = true;
      return std::make_pair(const_buffers_type(body_->data(), body_->size()), false);
    }

   private:
    const value_type& body_;
    bool sent_ = false;
  };
};

// A body for a response built now (moved into shared ownership).
inline SharedBody::value_type share(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

}  // namespace smr::http
