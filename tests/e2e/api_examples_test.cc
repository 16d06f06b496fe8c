// docs/openapi.yaml's examples, run against the real `smr serve`: every operation's `x-smr-example` (a YAML
// block of JSON: {"target", "body"?, "content_type"?, "status", "response"?}) is sent in document order to one
// server on one fresh journal, and the answer must have the example's status and the shape of its response
// (every key of the example present with a value of the same kind; arrays: each example item against the
// answer's item at the same place). Plain YAML, read line by line: no YAML library is needed.

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api_server.h"

namespace {

using smr::test::ApiServer;
namespace bj = boost::json;
namespace http = boost::beast::http;

struct Example {
  std::string method;   // "GET"
  std::string pattern;  // "/api/sessions/{uid}"
  int line = 0;
  bj::value spec;
};

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

std::vector<Example> examples() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/openapi.yaml");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<Example> out;
  std::string path, method;
  bool in_paths = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      method = line.substr(4, line.size() - 5);
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (line == "      x-smr-example: |") {
      std::string text;
      std::size_t j = i + 1;
      for (; j < lines.size() && (lines[j].empty() || indent_of(lines[j]) > 6); ++j) text += lines[j] + "\n";
      Example e{method, path, static_cast<int>(i + 1), {}};
      boost::system::error_code ec;
      e.spec = bj::parse(text, ec);
      if (ec) throw std::runtime_error("docs/openapi.yaml:" + std::to_string(i + 1) + ": example is not JSON");
      out.push_back(std::move(e));
      i = j - 1;
    }
  }
  return out;
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

TEST(ApiExamplesTest, EveryRouteBeyondCatalogAndHealthHasAnExample) {
  const auto all = examples();
  std::set<std::string> with_example;
  for (const auto& e : all) with_example.insert(e.method + " " + e.pattern);
  for (const char* route :
       {"GET /api/profile", "PUT /api/profile", "GET /api/screening", "POST /api/plan", "GET /api/sessions",
        "GET /api/sessions/{uid}", "GET /api/export", "POST /api/import", "GET /api/progress",
        "POST /api/progress/alerts/{id}/ack", "GET /api/self-tests", "POST /api/self-tests", "POST /api/soreness",
        "POST /api/workouts", "GET /api/settings", "PUT /api/settings"}) {
    EXPECT_TRUE(with_example.count(route)) << route << " has no x-smr-example in docs/openapi.yaml";
  }
}

TEST(ApiExamplesTest, TheSpecsExamplesAnswerAsDocumented) {
  const auto all = examples();
  ASSERT_FALSE(all.empty());
  ApiServer s("examples");
  for (const auto& e : all) {
    const std::string where = "docs/openapi.yaml:" + std::to_string(e.line) + " " + e.method + " " + e.pattern;
    const auto& spec = e.spec.as_object();
    const std::string target(spec.at("target").as_string());
    EXPECT_TRUE(fits(e.pattern, target)) << where << ": target " << target;
    std::string body;
    if (const auto* b = spec.if_contains("body"))
      body = b->is_string() ? std::string(b->as_string()) : bj::serialize(*b);
    std::string type = "application/json";
    if (const auto* t = spec.if_contains("content_type")) type = std::string(t->as_string());
    const auto r = s.call(http::string_to_verb(e.method), target, body, type);
    EXPECT_EQ(r.result_int(), spec.at("status").as_int64()) << where << " -> " << r.body();
    if (const auto* expected = spec.if_contains("response")) {
      boost::system::error_code ec;
      const auto actual = bj::parse(r.body(), ec);
      if (ec) {
        ADD_FAILURE() << where << ": the answer is not JSON: " << r.body();
        continue;
      }
      expect_shape(*expected, actual, where + " response");
    }
  }
}

}  // namespace
