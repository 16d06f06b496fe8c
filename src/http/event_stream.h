#pragma once
// A response that stays open and carries events as they come: server-sent events (text/event-stream, the
// HTML standard's EventSource), for a live class's changes (docs/classes.md: one-way, plain HTTP/1.1, passes
// nginx with proxy_buffering off, reconnects by itself with Last-Event-ID).
//
// A handler makes a stream, keeps it (weakly, or as long as it has events to give) and returns
// EventStream::response(stream, first): the connection writes the header and `first` at once, then each text
// given to send() in order, as it comes, from any thread, until close() or until the client goes away (a write
// fails) or the server stops. After Limits::event_heartbeat without an event the connection writes a comment line,
// so that a client that is gone is found and proxies do not time the stream out.
//
// The response is close-delimited (HTTP/1.1 without Content-Length: the body ends when the connection closes),
// with Connection: close and Cache-Control: no-store, and never compressed.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "http/response.h"

namespace smr::http {

class EventStream {
 public:
  static std::shared_ptr<EventStream> make();

  // Queues `text` (one or more complete events, see sse_event()) for the client. Thread-safe. False once the
  // stream is over (closed, the client gone, the server stopping): the producer forgets it.
  bool send(std::string text);
  // What is queued is written, then the connection closes. Thread-safe.
  void close();
  bool over() const;

  // The response carrying `stream`, with `first` (the current state, say) written right after the header.
  static Response response(const std::shared_ptr<EventStream>& stream, std::string first);

  // --- The connection's side (connection.cc) ---
  // The stream `response` carries, if any (taken once: the response then carries none).
  static std::shared_ptr<EventStream> claim(Response& response);
  // `wake` is called (from the thread of send() or close(), outside the lock) whenever there is something to
  // write or the stream closed; at most once until the next take().
  void attach(std::function<void()> wake);
  // What is queued, emptied; `closing` is set when close() was called and the queue is now empty.
  std::string take(bool& closing);
  // The client went away, the server stopped, or the response was not streamed (a HEAD request).
  void end();

  EventStream() = default;

 private:
  mutable std::mutex mutex_;
  std::string queued_;
  bool closing_ = false;
  bool over_ = false;
  bool woken_ = false;  // a wake is pending: the connection will take()
  std::function<void()> wake_;
  std::string first_;  // the response's body until claimed
};

// One event in the text/event-stream format: "id: ID\nevent: NAME\ndata: LINE\n...\n\n", `data` split at its
// line breaks (each line its own "data:" field, as the format wants). `name` and `id` are left out when empty.
std::string sse_event(std::string_view name, std::string_view data, std::optional<std::int64_t> id = std::nullopt);

}  // namespace smr::http
