#include "service/pairing_service.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <boost/asio/ip/address.hpp>

namespace smr::service {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
  std::array<unsigned char, N> out{};
  if (RAND_bytes(out.data(), static_cast<int>(N)) != 1) {
    // The OS's random source failing is a fault of the machine, not an input: no code or credential then.
    throw std::runtime_error("the system's random number generator failed");
  }
  return out;
}

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 0xF];
  }
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

constexpr const char* kPairAgain =
    "on the computer running SMR Coach, run smr pair (or open Settings there) for a new one";

}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex(digest, size);
}

std::string normalise_pairing_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += c;
  }
  return out;
}

// ---- throttle ----

std::string throttle_key(std::string_view address) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(std::string(address), ec);
  if (ec || !a.is_v6() || a.to_v6().is_v4_mapped()) return std::string(address);
  auto bytes = a.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

bool PairingThrottle::allows(const std::string& peer, core::UnixMillis now_ms) {
  const std::lock_guard lock(mutex_);
  const auto it = failures_.find(peer);
  if (it == failures_.end()) return true;
  auto& times = it->second;
  std::erase_if(times, [&](core::UnixMillis t) { return t <= now_ms - 60'000; });
  if (times.empty()) {
    failures_.erase(it);
    return true;
  }
  return times.size() < kMaxFailedRedeemsPerMinute;
}

void PairingThrottle::record_failure(const std::string& peer, core::UnixMillis now_ms) {
  const std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxPeers && !failures_.count(peer)) {
    // Forget the peers whose failures are all older than a minute; if none, the one with the oldest last failure.
    std::erase_if(failures_, [&](const auto& entry) { return entry.second.back() <= now_ms - 60'000; });
    if (failures_.size() >= kMaxPeers) {
      failures_.erase(std::min_element(failures_.begin(), failures_.end(),
                                       [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); }));
    }
  }
  auto& times = failures_[peer];
  times.push_back(now_ms);
  if (times.size() > kMaxFailedRedeemsPerMinute) times.erase(times.begin());
}

// ---- use cases ----

Result<NewPairingCode> new_pairing_code(store::Store& store, core::UnixMillis now_ms) {
  for (int attempt = 0;; ++attempt) {
    const auto bytes = random_bytes<kPairingCodeLength>();
    std::string code;
    for (const auto b : bytes) code += kPairingAlphabet[b & 31];  // 32 characters: 5 unbiased bits each
    store::PairingCode stored{sha256_hex(code), now_ms, now_ms + kPairingCodeLifetimeMs, std::nullopt};
    auto added = store.add_pairing_code(stored);
    // The same 40 bits twice is (nearly) impossible; once more is enough.
    if (!added && added.error().code == store::Error::Code::kConflict && attempt == 0) continue;
    if (!added) return tl::unexpected(from_store(added.error()));
    return NewPairingCode{code.substr(0, 4) + "-" + code.substr(4), stored.expires_ms};
  }
}

Result<Pairing> redeem_pairing_code(store::Store& store, PairingThrottle& throttle, const std::string& peer,
                                    std::string_view code, std::string_view name, core::UnixMillis now_ms) {
  const auto device_name = trim(name);
  if (device_name.empty() || device_name.size() > kMaxDeviceNameLength) {
    return fail_input("name", "give the device a name of 1 to " + std::to_string(kMaxDeviceNameLength) +
                                  " characters, such as \"Phone\"");
  }
  // The failures are counted in the store, so the limit holds across every server instance on the journal (a
  // fixed one-minute window per peer); a store without attempt counters falls back to this process's throttle.
  const std::string key = std::string(kPairingAttemptKeyPrefix) + peer;
  const auto counted = store.attempts(key, now_ms, kPairingAttemptWindowMs);
  const bool allowed =
      counted ? *counted < static_cast<int>(kMaxFailedRedeemsPerMinute) : throttle.allows(peer, now_ms);
  if (!allowed) {
    return fail(Error::Code::kTooManyAttempts, "code",
                "too many wrong pairing codes from this device in the last minute; wait a minute, then type the "
                "code again");
  }
  const auto refuse = [&](Error e) -> Result<Pairing> {
    if (!counted || !store.count_attempt(key, now_ms, kPairingAttemptWindowMs)) throttle.record_failure(peer, now_ms);
    return tl::unexpected(std::move(e));
  };
  const auto normal = normalise_pairing_code(code);
  if (normal.size() != kPairingCodeLength || normal.find_first_not_of(kPairingAlphabet) != std::string::npos) {
    return refuse(field_error(
        Error::Code::kInvalid, "code",
        "a pairing code is 8 letters and digits, such as ABCD-EFGH (no 0, 1, I or O); " + std::string(kPairAgain)));
  }
  const auto hash = sha256_hex(normal);
  auto stored = store.pairing_code(hash);
  if (!stored) return tl::unexpected(from_store(stored.error()));
  if (!*stored) {
    return refuse(field_error(Error::Code::kNotFound, "code",
                              "this pairing code is not one SMR Coach made; check it, or " + std::string(kPairAgain)));
  }
  if ((*stored)->used_ms) {
    return refuse(field_error(Error::Code::kCodeUsed, "code",
                              "this pairing code was used already (each works once); " + std::string(kPairAgain)));
  }
  if (now_ms >= (*stored)->expires_ms) {
    return refuse(field_error(Error::Code::kCodeExpired, "code",
                              "this pairing code has expired (codes last 10 minutes); " + std::string(kPairAgain)));
  }
  const auto secret = random_bytes<32>();
  Pairing out;
  out.credential = hex(secret.data(), secret.size());
  out.device =
      store::PairedDevice{store::new_uid(), device_name, sha256_hex(out.credential), now_ms, now_ms, std::nullopt};
  if (auto r = store.redeem_pairing_code(hash, now_ms, out.device); !r) {
    if (r.error().code == store::Error::Code::kConflict) {  // a concurrent redeem of the same code won
      return refuse(field_error(Error::Code::kCodeUsed, "code",
                                "this pairing code was used already (each works once); " + std::string(kPairAgain)));
    }
    return tl::unexpected(from_store(r.error()));
  }
  return out;
}

Result<store::PairedDevice> authenticate_device(store::Store& store, std::string_view credential,
                                                core::UnixMillis now_ms) {
  const auto unpaired = [] {
    return fail(Error::Code::kUnpaired, "",
                "This device is not paired with SMR Coach, or was removed. On the computer running SMR Coach, run "
                "smr pair and scan the code (or open the address it shows) to pair it.");
  };
  if (credential.size() != 64 || credential.find_first_not_of(kHex) != std::string_view::npos) return unpaired();
  auto device = store.device_by_credential(sha256_hex(credential));
  if (!device) return tl::unexpected(from_store(device.error()));
  if (!*device || (*device)->revoked_ms) return unpaired();
  auto d = std::move(**device);
  if (!d.last_used_ms || now_ms - *d.last_used_ms >= kDeviceTouchIntervalMs) {
    // A failed write of the last use does not refuse the request: it is bookkeeping.
    if (store.touch_device(d.id, now_ms)) d.last_used_ms = now_ms;
  }
  return d;
}

Result<std::vector<store::PairedDevice>> paired_devices(store::Store& store) {
  auto devices = store.paired_devices();
  if (!devices) return tl::unexpected(from_store(devices.error()));
  return std::move(*devices);
}

Result<store::PairedDevice> revoke_device(store::Store& store, const std::string& id, core::UnixMillis now_ms) {
  if (auto r = store.revoke_device(id, now_ms); !r) {
    if (r.error().code == store::Error::Code::kNotFound) {
      return tl::unexpected(field_error(Error::Code::kNotFound, "id",
                                        "no paired device has the id \"" + id + "\"; smr devices lists them"));
    }
    return tl::unexpected(from_store(r.error()));
  }
  auto devices = store.paired_devices();
  if (!devices) return tl::unexpected(from_store(devices.error()));
  for (auto& d : *devices) {
    if (d.id == id) return std::move(d);
  }
  return tl::unexpected(field_error(Error::Code::kNotFound, "id", "no paired device has the id \"" + id + "\""));
}

}  // namespace smr::service
