#include "http/request.h"

namespace smr::http {

Request::Request(const RequestMessage& message, boost::urls::url_view target, const ClientView* client)
    : message_(&message), target_(target), client_(client) {
  for (auto segment : target_.segments()) segments_.push_back(std::move(segment));
}

}  // namespace smr::http
