#pragma once
// Pairing a device (a phone) with this server, so that it may use the API from another machine
// (docs/pairing.md). One use case for every face: `smr pair`, `smr devices`, POST /api/pair, GET /api/devices,
// DELETE /api/devices/{id}, POST /api/pairing-codes, and the server's check of every request from another
// machine.
//
// - A pairing code: 8 characters from kPairingAlphabet (32 characters, no 0/O, no 1/I: 40 random bits),
//   shown as "ABCD-EFGH"; single use; expires kPairingCodeLifetimeMs after it was made. Only its SHA-256 is
//   stored, in the journal, so that `smr pair` in another process makes a code the running server accepts.
// - A device credential: 32 random bytes (256 bits) from the OS's CSPRNG (OpenSSL RAND_bytes), as 64 hex
//   digits. Given once, to the device that redeemed the code; only its SHA-256 is stored.
// - Wrong codes are throttled per address (PairingThrottle): kMaxFailedRedeemsPerMinute per minute, so
//   that guessing 40 bits would take hundreds of thousands of years; the owner is never locked out for longer
//   than that minute, and never on this machine, which needs no pairing.
//
// The use cases take the time (`now_ms`) and the store; they read no clock.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

inline constexpr std::string_view kPairingAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kPairingCodeLength = 8;
inline constexpr core::UnixMillis kPairingCodeLifetimeMs = 10 * 60 * 1000;
// A device's last use is written at most this often (every request would otherwise be a write).
inline constexpr core::UnixMillis kDeviceTouchIntervalMs = 60 * 1000;
inline constexpr std::size_t kMaxFailedRedeemsPerMinute = 5;
// Failed redeems are counted in the store (Store::count_attempt) under this prefix + the peer's throttle_key, in a
// fixed window of this length, so that every instance on one journal shares the limit.
inline constexpr std::string_view kPairingAttemptKeyPrefix = "pairing:";
inline constexpr core::UnixMillis kPairingAttemptWindowMs = 60 * 1000;
inline constexpr std::size_t kMaxDeviceNameLength = 60;

// Failed redeem attempts per peer in the last minute, in this process: the fallback for a store without attempt
// counters (redeem_pairing_code counts in the store). Thread-safe (every server worker shares one).
class PairingThrottle {
 public:
  // True when `peer` may try a code at `now_ms` (fewer than kMaxFailedRedeemsPerMinute failures in the minute
  // before).
  bool allows(const std::string& peer, core::UnixMillis now_ms);
  void record_failure(const std::string& peer, core::UnixMillis now_ms);

 private:
  static constexpr std::size_t kMaxPeers = 4096;  // beyond, peers with no recent failure are forgotten first
  std::mutex mutex_;
  std::map<std::string, std::vector<core::UnixMillis>> failures_;  // guarded by mutex_; per peer, oldest first
};

// The throttle's key for an address: the address itself for IPv4, its /64 prefix for IPv6 (one machine may
// use any address of its /64).
std::string throttle_key(std::string_view address);

struct NewPairingCode {
  std::string code;  // "ABCD-EFGH"
  core::UnixMillis expires_ms = 0;
};

// A new code, stored (hashed) in the journal.
Result<NewPairingCode> new_pairing_code(store::Store& store, core::UnixMillis now_ms);

struct Pairing {
  std::string credential;  // 64 hex digits: give it to the device, once
  store::PairedDevice device;
};

// Exchanges `code` (case, spaces and dashes do not matter) for a new device named `name`. Errors: kInvalid
// (field "name": empty or too long; field "code": not 8 characters of the alphabet), kNotFound (field "code":
// no such code), kCodeExpired, kCodeUsed, kTooManyAttempts (this `peer` failed too often in the last minute;
// nothing is looked up). Every failure but kTooManyAttempts and a bad name counts against `peer`.
Result<Pairing> redeem_pairing_code(store::Store& store, PairingThrottle& throttle, const std::string& peer,
                                    std::string_view code, std::string_view name, core::UnixMillis now_ms);

// The device whose credential this is; kUnpaired when none is, or it is revoked. Writes the last use when the
// stored one is older than kDeviceTouchIntervalMs.
Result<store::PairedDevice> authenticate_device(store::Store& store, std::string_view credential,
                                                core::UnixMillis now_ms);

// Every paired device, revoked ones too, oldest first.
Result<std::vector<store::PairedDevice>> paired_devices(store::Store& store);

// Revokes the device (field "id": kNotFound for an unknown one) and answers it as it is now.
Result<store::PairedDevice> revoke_device(store::Store& store, const std::string& id, core::UnixMillis now_ms);

// Lower-case hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

// `code` without spaces and dashes, upper case ("abcd-efgh" -> "ABCDEFGH").
std::string normalise_pairing_code(std::string_view code);

}  // namespace smr::service
