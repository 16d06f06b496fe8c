// docs/openapi.yaml's examples, run against the real `smr serve`: every operation's `x-smr-example` (a YAML
// block of JSON, one example or an array of them, run in order) is sent in document order to one server on one
// fresh journal, and the answer must have the example's status and the shape of its response (every key of the
// example present with a value of the same kind; arrays: each example item against the answer's item at the same
// place). Plain YAML, read line by line: no YAML library is needed.
//
// An example is {"target", "body"?, "content_type"?, "status", "response"?, "follows"?, "parameters"?}.
// "follows" names the operationId of an operation earlier in the document, and "parameters" fills the target's
// path parameters from that operation's last answer, with OpenAPI's runtime expressions (as in a Link Object):
// {"follows": "startSession", "parameters": {"uid": "$response.body#/uid"},
//  "target": "/api/sessions/{uid}/inputs", ...} sends to the uid the server gave the POST /api/sessions example.
// Only "$response.body#JSON-POINTER" is supported; the value must be a string or a whole number.

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <tl/expected.hpp>

#include "api_server.h"

namespace {

using smr::test::ApiServer;
namespace bj = boost::json;
namespace http = boost::beast::http;

struct Example {
  std::string method;        // "GET"
  std::string pattern;       // "/api/sessions/{uid}"
  std::string operation_id;  // "getSession"
  std::string where;         // "docs/openapi.yaml:892 GET /api/sessions/{uid}" (and "[2]" for the third of several)
  bj::object spec;
};

// The operations of docs/openapi.yaml ("GET /api/health", ...) and their examples, in document order.
struct Spec {
  std::vector<std::string> operations;
  std::vector<Example> examples;
};

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

Spec read_spec() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/openapi.yaml");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  Spec out;
  std::string path, method, operation_id;
  bool in_paths = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const std::string at = "docs/openapi.yaml:" + std::to_string(i + 1);
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line[4] != '#' &&
               line.back() == ':') {
      method = line.substr(4, line.size() - 5);
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operation_id.clear();
      out.operations.push_back(method + " " + path);
    } else if (line.rfind("      operationId: ", 0) == 0) {
      operation_id = line.substr(std::string("      operationId: ").size());
    } else if (line == "      x-smr-example: |") {
      std::string text;
      std::size_t j = i + 1;
      for (; j < lines.size() && (lines[j].empty() || indent_of(lines[j]) > 6); ++j) text += lines[j] + "\n";
      boost::system::error_code ec;
      const bj::value v = bj::parse(text, ec);
      if (ec) throw std::runtime_error(at + ": example is not JSON");
      const std::string where = at + " " + method + " " + path;
      if (v.is_object()) {
        out.examples.push_back({method, path, operation_id, where, v.as_object()});
      } else if (v.is_array()) {
        for (std::size_t k = 0; k < v.as_array().size(); ++k) {
          const auto& item = v.as_array()[k];
          if (!item.is_object())
            throw std::runtime_error(at + ": example [" + std::to_string(k) + "] is not an object");
          out.examples.push_back(
              {method, path, operation_id, where + " [" + std::to_string(k) + "]", item.as_object()});
        }
      } else {
        throw std::runtime_error(at + ": expected an example (a JSON object) or an array of them");
      }
      i = j - 1;
    }
  }
  return out;
}

// The example's target with its path parameters filled from the answers so far (operationId -> the last answer
// of that operation's examples); an error message when it cannot be.
tl::expected<std::string, std::string> resolve_target(const Example& e,
                                                      const std::map<std::string, bj::value>& answers) {
  std::string target(e.spec.at("target").as_string());
  const auto* parameters = e.spec.if_contains("parameters");
  if (!parameters) {
    if (target.find('{') != std::string::npos) return tl::unexpected("a path parameter is left in " + target);
    return target;
  }
  const auto* follows = e.spec.if_contains("follows");
  if (!follows || !follows->is_string()) return tl::unexpected(std::string("\"parameters\" without \"follows\""));
  const std::string from(follows->as_string());
  const auto answer = answers.find(from);
  if (answer == answers.end()) {
    return tl::unexpected("follows \"" + from + "\", but no example of that operation has answered before it");
  }
  constexpr std::string_view kBody = "$response.body#";
  for (const auto& [name, expression] : parameters->as_object()) {
    const std::string expr = expression.is_string() ? std::string(expression.as_string()) : "";
    if (expr.rfind(kBody, 0) != 0) {
      return tl::unexpected("parameter " + std::string(name) + ": expected \"" + std::string(kBody) + "/...\"");
    }
    boost::system::error_code ec;
    const auto* value = answer->second.find_pointer(expr.substr(kBody.size()), ec);
    if (!value || !(value->is_string() || value->is_int64() || value->is_uint64())) {
      return tl::unexpected("parameter " + std::string(name) + ": " + expr + " is not a string or a whole number in " +
                            from + "'s answer " + bj::serialize(answer->second));
    }
    const std::string text = value->is_string() ? std::string(value->as_string()) : bj::serialize(*value);
    const std::string placeholder = "{" + std::string(name) + "}";
    const auto at = target.find(placeholder);
    if (at == std::string::npos) {
      return tl::unexpected("parameter " + std::string(name) + ": the target has no " + placeholder);
    }
    target.replace(at, placeholder.size(), text);
  }
  if (target.find('{') != std::string::npos) return tl::unexpected("a path parameter is left in " + target);
  return target;
}

// Does `target`'s path fit `pattern` ("{x}" matches any one segment)?
bool fits(const std::string& pattern, const std::string& target) {
  const auto path = target.substr(0, target.find('?'));
  const std::regex re(std::regex_replace(pattern, std::regex(R"(\{[^}/]+\})"), "[^/]+"));
  return std::regex_match(path, re);
}

bool same_kind(const bj::value& a, const bj::value& b) {
  if (a.is_number() && b.is_number()) return true;
  return a.kind() == b.kind();
}

// Every key of `expected` is in `actual` with a value of the same kind (null in the example: any value).
void expect_shape(const bj::value& expected, const bj::value& actual, const std::string& where) {
  if (expected.is_null()) return;
  if (!same_kind(expected, actual)) {
    ADD_FAILURE() << where << ": expected " << bj::serialize(expected) << ", got " << bj::serialize(actual);
    return;
  }
  if (const auto* o = expected.if_object()) {
    for (const auto& [key, value] : *o) {
      const auto* got = actual.as_object().if_contains(key);
      if (!got) {
        ADD_FAILURE() << where << ": no \"" << std::string(key) << "\" in " << bj::serialize(actual);
        continue;
      }
      expect_shape(value, *got, where + "." + std::string(key));
    }
  } else if (const auto* a = expected.if_array()) {
    const auto& got = actual.as_array();
    if (got.size() < a->size()) {
      ADD_FAILURE() << where << ": expected at least " << a->size() << " items, got " << bj::serialize(actual);
      return;
    }
    for (std::size_t i = 0; i < a->size(); ++i) expect_shape((*a)[i], got[i], where + "[" + std::to_string(i) + "]");
  }
}

// The catalog's routes and health carry their examples in their responses (`examples:`); serve_test.cc checks
// them against the CLI. Every other documented route must have an x-smr-example.
TEST(ApiExamplesTest, EveryRouteBeyondCatalogAndHealthHasAnExample) {
  const auto spec = read_spec();
  std::set<std::string> with_example;
  for (const auto& e : spec.examples) with_example.insert(e.method + " " + e.pattern);
  std::size_t needed = 0;
  for (const auto& route : spec.operations) {
    const auto path = route.substr(route.find(' ') + 1);
    if (path.rfind("/api/catalog/", 0) == 0 || path == "/api/health") continue;
    ++needed;
    EXPECT_TRUE(with_example.count(route)) << route << " has no x-smr-example in docs/openapi.yaml";
  }
  // The live-session routes are among them (their examples follow POST /api/sessions's).
  EXPECT_TRUE(with_example.count("POST /api/sessions/{uid}/inputs"));
  EXPECT_TRUE(with_example.count("GET /api/sessions/{uid}/live"));
  EXPECT_GE(needed, 19u);
}

TEST(ApiExamplesTest, TheSpecsExamplesAnswerAsDocumented) {
  const auto all = read_spec().examples;
  ASSERT_FALSE(all.empty());
  ApiServer s("examples");
  std::map<std::string, bj::value> answers;  // operationId -> its latest answer, for "follows"
  for (const auto& e : all) {
    const auto& spec = e.spec;
    const auto target = resolve_target(e, answers);
    if (!target) {
      ADD_FAILURE() << e.where << ": " << target.error();
      continue;
    }
    EXPECT_TRUE(fits(e.pattern, *target)) << e.where << ": target " << *target;
    std::string body;
    if (const auto* b = spec.if_contains("body"))
      body = b->is_string() ? std::string(b->as_string()) : bj::serialize(*b);
    std::string type = "application/json";
    if (const auto* t = spec.if_contains("content_type")) type = std::string(t->as_string());
    const auto r = s.call(http::string_to_verb(e.method), *target, body, type);
    EXPECT_EQ(r.result_int(), spec.at("status").as_int64()) << e.where << " -> " << r.body();
    boost::system::error_code ec;
    auto actual = bj::parse(r.body(), ec);
    if (!ec) answers[e.operation_id] = actual;
    if (const auto* expected = spec.if_contains("response")) {
      if (ec) {
        ADD_FAILURE() << e.where << ": the answer is not JSON: " << r.body();
        continue;
      }
      expect_shape(*expected, actual, e.where + " response");
    }
  }
}

}  // namespace
