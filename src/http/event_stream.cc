#include "http/event_stream.h"

#include <unordered_map>
#include <utility>

namespace smr::http {

namespace {

// The streams of responses made and not yet claimed, by their body (each response's body is its stream's
// first_, shared with the stream's ownership, so a response dropped unclaimed drops its stream and the entry
// expires). Guarded by registry_mutex.
std::mutex registry_mutex;
std::unordered_map<const std::string*, std::weak_ptr<EventStream>>& registry() {
  static std::unordered_map<const std::string*, std::weak_ptr<EventStream>> streams;
  return streams;
}

constexpr std::string_view kMarker = "X-Smr-Event-Stream";

}  // namespace

std::shared_ptr<EventStream> EventStream::make() { return std::make_shared<EventStream>(); }

bool EventStream::send(std::string text) {
  std::function<void()> wake;
  {
    const std::lock_guard lock(mutex_);
    if (over_ || closing_) return false;
    queued_ += text;
    if (wake_ && !woken_) {
      woken_ = true;
      wake = wake_;
    }
  }
  if (wake) wake();
  return true;
}

void EventStream::close() {
  std::function<void()> wake;
  {
    const std::lock_guard lock(mutex_);
    if (over_ || closing_) return;
    closing_ = true;
    if (wake_ && !woken_) {
      woken_ = true;
      wake = wake_;
    }
  }
  if (wake) wake();
}

bool EventStream::over() const {
  const std::lock_guard lock(mutex_);
  return over_ || closing_;
}

Response EventStream::response(const std::shared_ptr<EventStream>& stream, std::string first) {
  stream->first_ = std::move(first);
  Response r{Status::ok, 11};
  r.set(Field::content_type, "text/event-stream; charset=utf-8");
  r.set(Field::cache_control, "no-store");
  r.set("X-Accel-Buffering", "no");  // nginx: pass each event on at once
  r.set(kMarker, "1");
  r.body() = SharedBody::value_type(stream, &stream->first_);
  const std::lock_guard lock(registry_mutex);
  auto& streams = registry();
  std::erase_if(streams, [](const auto& kv) { return kv.second.expired(); });
  streams[&stream->first_] = stream;
  return r;
}

std::shared_ptr<EventStream> EventStream::claim(Response& response) {
  if (response.find(kMarker) == response.end()) return nullptr;
  response.erase(kMarker);
  std::shared_ptr<EventStream> stream;
  {
    const std::lock_guard lock(registry_mutex);
    auto& streams = registry();
    if (const auto it = streams.find(response.body().get()); it != streams.end()) {
      stream = it->second.lock();
      streams.erase(it);
    }
  }
  return stream;
}

void EventStream::attach(std::function<void()> wake) {
  bool now = false;
  {
    const std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
    now = (!queued_.empty() || closing_) && !woken_;
    if (now) woken_ = true;
  }
  if (now) wake_();
}

std::string EventStream::take(bool& closing) {
  const std::lock_guard lock(mutex_);
  woken_ = false;
  std::string out;
  out.swap(queued_);
  closing = closing_;
  return out;
}

void EventStream::end() {
  const std::lock_guard lock(mutex_);
  over_ = true;
  queued_.clear();
  wake_ = nullptr;
}

std::string sse_event(std::string_view name, std::string_view data, std::optional<std::int64_t> id) {
  std::string out;
  if (id) out += "id: " + std::to_string(*id) + "\n";
  if (!name.empty()) out += "event: " + std::string(name) + "\n";
  std::size_t start = 0;
  while (true) {
    const auto end = data.find_first_of("\r\n", start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += "\n";
    if (end == std::string_view::npos) break;
    start = end + (data.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  out += "\n";
  return out;
}

}  // namespace smr::http
