#include "json/journal_json.h"

#include "json/json_util_internal.h"

#include <cmath>
#include <limits>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace smr::json {

namespace bj = boost::json;

namespace {

using detail::strings;

// Reads one JSON object, naming the path of anything wrong. The first problem wins: later reads become
// no-ops, and the caller checks failed() once.
class Reader {
 public:
  Reader(const bj::value& v, std::string path, core::Problem* error) : path_(std::move(path)), error_(error) {
    obj_ = v.if_object();
    if (!obj_) fail_here("expected an object, got " + kind(v));
  }

  bool failed() const { return !error_->text.empty(); }

  std::string str(std::string_view key) {
    const auto* v = get(key);
    if (!v) return {};
    if (const auto* s = v->if_string()) return std::string(*s);
    return fail(key, "expected a string, got " + kind(*v)), std::string{};
  }

  std::int64_t integer(std::string_view key, std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
    const auto* v = get(key);
    if (!v) return 0;
    std::int64_t n = 0;
    if (const auto* i = v->if_int64()) {
      n = *i;
    } else if (const auto* u = v->if_uint64(); u && *u <= static_cast<std::uint64_t>(max)) {
      n = static_cast<std::int64_t>(*u);
    } else {
      return fail(key, "expected a whole number, got " + kind(*v)), 0;
    }
    if (n < min || n > max) {
      return fail(key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
                           std::to_string(n)),
             0;
    }
    return n;
  }

  int small_int(std::string_view key, int min, int max) { return static_cast<int>(integer(key, min, max)); }

  double number(std::string_view key) {
    const auto* v = get(key);
    if (!v) return 0;
    if (v->is_number()) {
      const double d = v->to_number<double>();
      if (std::isfinite(d)) return d;
    }
    return fail(key, "expected a number, got " + kind(*v)), 0.0;
  }

  bool boolean(std::string_view key) {
    const auto* v = get(key);
    if (!v) return false;
    if (const auto* b = v->if_bool()) return *b;
    return fail(key, "expected true or false, got " + kind(*v)), false;
  }

  std::optional<std::int64_t> optional_integer(std::string_view key) {
    if (!obj_ || failed()) return std::nullopt;
    const auto it = obj_->find(key);
    if (it == obj_->end() || it->value().is_null()) return std::nullopt;
    return integer(key);
  }

  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* arr = array(key);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (const auto* s = (*arr)[i].if_string()) {
        out.emplace_back(*s);
      } else {
        fail_at(path_of(key) + "[" + std::to_string(i) + "]", "expected a string, got " + kind((*arr)[i]));
        break;
      }
    }
    return out;
  }

  template <typename E>
  E enumeration(std::string_view key) {
    const auto text = str(key);
    if (failed()) return E{};
    if (auto e = core::parse_enum<E>(text)) return *e;
    return fail(key, "\"" + text + "\" is not valid; expected " + core::enum_choices<E>()), E{};
  }

  // Calls f(Reader&) for each element (an object) of the array at key.
  template <typename F>
  void each(std::string_view key, F f) {
    const auto* arr = array(key);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size() && !failed(); ++i) {
      Reader r((*arr)[i], path_of(key) + "[" + std::to_string(i) + "]", error_);
      if (!r.failed()) f(r);
    }
  }

  Reader child(std::string_view key) {
    static const bj::value kNull;
    const auto* v = get(key);
    return Reader(v ? *v : kNull, path_of(key), error_);
  }

 private:
  static std::string kind(const bj::value& v) {
    switch (v.kind()) {
      case bj::kind::null: return "null";
      case bj::kind::bool_: return "a boolean";
      case bj::kind::int64:
      case bj::kind::uint64: return "a whole number";
      case bj::kind::double_: return "a number";
      case bj::kind::string: return "a string";
      case bj::kind::array: return "an array";
      case bj::kind::object: return "an object";
    }
    return "a value";
  }

  std::string path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const bj::value* get(std::string_view key) {
    if (!obj_ || failed()) return nullptr;
    const auto it = obj_->find(key);
    if (it == obj_->end()) {
      fail(key, "is missing");
      return nullptr;
    }
    return &it->value();
  }

  const bj::array* array(std::string_view key) {
    const auto* v = get(key);
    if (!v) return nullptr;
    if (const auto* a = v->if_array()) return a;
    fail(key, "expected an array, got " + kind(*v));
    return nullptr;
  }

  void fail(std::string_view key, const std::string& message) { fail_at(path_of(key), message); }
  void fail_here(const std::string& message) {
    if (path_.empty()) {
      if (error_->text.empty()) *error_ = core::Problem{"", "the document: " + message};
    } else {
      fail_at(path_, message);
    }
  }
  void fail_at(const std::string& path, const std::string& message) {
    if (error_->text.empty()) *error_ = core::Problem{path, message};
  }

  const bj::object* obj_ = nullptr;
  std::string path_;
  core::Problem* error_;  // the first problem; text "" while there is none
};

core::Profile read_profile(Reader& r) {
  core::Profile p;
  p.conditions = r.strings("conditions");
  r.each("named_areas", [&](Reader& a) {
    p.named_areas.push_back({a.str("condition"), a.str("region"), a.enumeration<core::Side>("side")});
  });
  p.symptoms = r.strings("symptoms");
  p.experience = r.enumeration<core::Experience>("experience");
  p.tools = r.strings("tools");
  p.lifestyle = r.strings("lifestyle");
  r.each("aches", [&](Reader& a) {
    p.aches.push_back({a.str("region"), a.enumeration<core::Side>("side"), a.str("note")});
  });
  p.updated_ms = r.integer("updated_ms");
  return p;
}

}  // namespace

bj::value to_json(const core::SessionRecord& s) {
  bj::object info{
      {"uid", s.info.uid}, {"person_id", s.info.person_id}, {"title", s.info.title}, {"started_ms", s.info.started_ms}};
  info["ended_ms"] = s.info.ended_ms ? bj::value(*s.info.ended_ms) : bj::value(nullptr);
  info["status"] = core::to_string(s.info.status);
  info["routine_json"] = s.info.routine_json;

  bj::array events;
  for (const auto& e : s.events) {
    events.push_back(
        bj::object{{"seq", e.seq}, {"at_ms", e.at_ms}, {"kind", e.kind}, {"step", e.step}, {"data_json", e.data_json}});
  }
  bj::array check_ins;
  for (const auto& c : s.check_ins) {
    check_ins.push_back(bj::object{{"uid", c.uid},
                                   {"at_ms", c.at_ms},
                                   {"step", c.step},
                                   {"exercise", c.exercise},
                                   {"region", c.region},
                                   {"side", core::to_string(c.side)},
                                   {"intensity", c.intensity},
                                   {"quality", core::to_string(c.quality)},
                                   {"note", c.note}});
  }
  bj::array adaptations;
  for (const auto& a : s.adaptations) {
    adaptations.push_back(bj::object{{"uid", a.uid},
                                     {"at_ms", a.at_ms},
                                     {"step", a.step},
                                     {"kind", a.kind},
                                     {"reason", a.reason},
                                     {"detail_json", a.detail_json}});
  }
  bj::array notes;
  for (const auto& n : s.notes) notes.push_back(bj::object{{"uid", n.uid}, {"at_ms", n.at_ms}, {"text", n.text}});

  info["events"] = std::move(events);
  info["check_ins"] = std::move(check_ins);
  info["adaptations"] = std::move(adaptations);
  info["notes"] = std::move(notes);
  return info;
}

bj::value to_json(const core::Profile& p) {
  bj::array named;
  for (const auto& a : p.named_areas) {
    named.push_back(bj::object{{"condition", a.condition}, {"region", a.region}, {"side", core::to_string(a.side)}});
  }
  bj::array aches;
  for (const auto& a : p.aches) {
    aches.push_back(bj::object{{"region", a.region}, {"side", core::to_string(a.side)}, {"note", a.note}});
  }
  return bj::object{{"conditions", strings(p.conditions)}, {"named_areas", std::move(named)},
                    {"symptoms", strings(p.symptoms)},     {"experience", core::to_string(p.experience)},
                    {"tools", strings(p.tools)},           {"lifestyle", strings(p.lifestyle)},
                    {"aches", std::move(aches)},           {"updated_ms", p.updated_ms}};
}

bj::value to_json(const core::Journal& j) {
  bj::array people;
  for (const auto& p : j.people)
    people.push_back(bj::object{{"id", p.id}, {"name", p.name}, {"created_ms", p.created_ms}});
  bj::array profiles;
  for (const auto& pp : j.profiles)
    profiles.push_back(bj::object{{"person_id", pp.person_id}, {"profile", to_json(pp.profile)}});
  bj::array routines;
  for (const auto& r : j.routines) {
    routines.push_back(bj::object{{"uid", r.uid},
                                  {"person_id", r.person_id},
                                  {"name", r.name},
                                  {"created_ms", r.created_ms},
                                  {"routine_json", r.routine_json}});
  }
  bj::array custom;
  for (const auto& x : j.custom_exercises) {
    custom.push_back(
        bj::object{{"uid", x.uid}, {"person_id", x.person_id}, {"created_ms", x.created_ms}, {"toml", x.toml}});
  }
  bj::array sessions;
  for (const auto& s : j.sessions) sessions.push_back(to_json(s));
  bj::array tests;
  for (const auto& t : j.self_tests) {
    tests.push_back(bj::object{{"uid", t.uid},
                               {"person_id", t.person_id},
                               {"at_ms", t.at_ms},
                               {"test", t.test},
                               {"side", core::to_string(t.side)},
                               {"value", t.value},
                               {"unit", t.unit},
                               {"session_uid", t.session_uid},
                               {"phase", t.phase}});
  }
  bj::array settings;
  for (const auto& s : j.settings) {
    settings.push_back(bj::object{{"person_id", s.person_id}, {"key", s.key}, {"value", s.value}});
  }
  return bj::object{
      {"format", kJournalFormat},        {"version", kJournalFormatVersion}, {"people", std::move(people)},
      {"profiles", std::move(profiles)}, {"routines", std::move(routines)},  {"custom_exercises", std::move(custom)},
      {"sessions", std::move(sessions)}, {"self_tests", std::move(tests)},   {"settings", std::move(settings)}};
}

tl::expected<core::Profile, core::Problem> profile_from_json(const bj::value& v) {
  core::Problem error;
  Reader r(v, "", &error);
  core::Profile p;
  if (!r.failed()) p = read_profile(r);
  if (!error.text.empty()) return tl::unexpected(error);
  return p;
}

tl::expected<core::Journal, core::Problem> journal_from_json(const bj::value& v) {
  core::Problem error;
  Reader r(v, "", &error);
  core::Journal j;
  if (!r.failed()) {
    const auto format = r.str("format");
    if (!r.failed() && format != kJournalFormat) {
      return tl::unexpected(core::Problem{"format", "\"" + format + "\" is not an SMR Coach journal; expected \"" +
                                                        std::string(kJournalFormat) + "\""});
    }
    const auto version = r.integer("version");
    if (!r.failed() && version != kJournalFormatVersion) {
      return tl::unexpected(core::Problem{"version", std::to_string(version) +
                                                         " is not supported; this smr reads version " +
                                                         std::to_string(kJournalFormatVersion)});
    }
  }
  r.each("people", [&](Reader& p) {
    j.people.push_back({p.integer("id", 1), p.str("name"), p.integer("created_ms")});
  });
  r.each("profiles", [&](Reader& p) {
    core::PersonProfile pp;
    pp.person_id = p.integer("person_id", 1);
    auto child = p.child("profile");
    if (!child.failed()) pp.profile = read_profile(child);
    j.profiles.push_back(std::move(pp));
  });
  r.each("routines", [&](Reader& x) {
    j.routines.push_back(
        {x.str("uid"), x.integer("person_id", 1), x.str("name"), x.integer("created_ms"), x.str("routine_json")});
  });
  r.each("custom_exercises", [&](Reader& x) {
    j.custom_exercises.push_back({x.str("uid"), x.integer("person_id", 1), x.integer("created_ms"), x.str("toml")});
  });
  r.each("sessions", [&](Reader& s) {
    core::SessionRecord rec;
    rec.info.uid = s.str("uid");
    rec.info.person_id = s.integer("person_id", 1);
    rec.info.title = s.str("title");
    rec.info.started_ms = s.integer("started_ms");
    rec.info.ended_ms = s.optional_integer("ended_ms");
    rec.info.status = s.enumeration<core::SessionStatus>("status");
    rec.info.routine_json = s.str("routine_json");
    s.each("events", [&](Reader& e) {
      rec.events.push_back({rec.info.uid, e.integer("seq", 0), e.integer("at_ms"), e.str("kind"),
                            e.small_int("step", -1, 100000), e.str("data_json")});
    });
    s.each("check_ins", [&](Reader& c) {
      core::CheckIn ci;
      ci.uid = c.str("uid");
      ci.session_uid = rec.info.uid;
      ci.at_ms = c.integer("at_ms");
      ci.step = c.small_int("step", -1, 100000);
      ci.exercise = c.str("exercise");
      ci.region = c.str("region");
      ci.side = c.enumeration<core::Side>("side");
      ci.intensity = c.small_int("intensity", 0, 10);
      ci.quality = c.enumeration<core::Quality>("quality");
      ci.note = c.str("note");
      rec.check_ins.push_back(std::move(ci));
    });
    s.each("adaptations", [&](Reader& a) {
      rec.adaptations.push_back({a.str("uid"), rec.info.uid, a.integer("at_ms"), a.small_int("step", -1, 100000),
                                 a.str("kind"), a.str("reason"), a.str("detail_json")});
    });
    s.each("notes", [&](Reader& n) {
      rec.notes.push_back({n.str("uid"), rec.info.uid, n.integer("at_ms"), n.str("text")});
    });
    j.sessions.push_back(std::move(rec));
  });
  r.each("self_tests", [&](Reader& t) {
    core::SelfTest st;
    st.uid = t.str("uid");
    st.person_id = t.integer("person_id", 1);
    st.at_ms = t.integer("at_ms");
    st.test = t.str("test");
    st.side = t.enumeration<core::Side>("side");
    st.value = t.number("value");
    st.unit = t.str("unit");
    st.session_uid = t.str("session_uid");
    st.phase = t.str("phase");
    j.self_tests.push_back(std::move(st));
  });
  r.each("settings", [&](Reader& s) {
    j.settings.push_back({s.integer("person_id", 1), s.str("key"), s.str("value")});
  });
  if (!error.text.empty()) return tl::unexpected(error);
  return j;
}

std::string profile_to_text(const core::Profile& p) { return bj::serialize(to_json(p)); }

tl::expected<core::Profile, core::Problem> profile_from_text(const std::string& text) {
  boost::system::error_code ec;
  const auto v = bj::parse(text, ec);
  if (ec) return tl::unexpected(core::Problem{"", "not valid JSON: " + ec.message()});
  return profile_from_json(v);
}

}  // namespace smr::json
