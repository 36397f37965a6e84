// An immutable, reference-counted parameter value: 8 bytes per slot, so a node's value vector stays small
// and a value copied from the profile into 100,000 devices is stored once.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace cpemu::datamodel {

class SharedValue {
 public:
  SharedValue() = default;
  explicit SharedValue(std::string_view text) {
    if (text.empty()) return;  // "" needs no allocation
    void* mem = std::malloc(sizeof(Rep) + text.size());
    if (!mem) throw std::bad_alloc();
    rep_ = new (mem) Rep{{1}, static_cast<std::uint32_t>(text.size())};
    std::memcpy(rep_->data(), text.data(), text.size());
  }
  SharedValue(const SharedValue& o) noexcept : rep_(o.rep_) {
    if (rep_) rep_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedValue(SharedValue&& o) noexcept : rep_(o.rep_) { o.rep_ = nullptr; }
  SharedValue& operator=(SharedValue o) noexcept {
    std::swap(rep_, o.rep_);
    return *this;
  }
  ~SharedValue() {
    if (rep_ && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      rep_->~Rep();
      std::free(rep_);
    }
  }

  std::string_view view() const { return rep_ ? std::string_view(rep_->data(), rep_->size) : std::string_view(); }
  std::string str() const { return std::string(view()); }
  bool operator==(std::string_view other) const { return view() == other; }
  // Heap bytes this value owns (for memory accounting).
  std::size_t heapBytes() const { return rep_ ? sizeof(Rep) + rep_->size : 0; }
  const void* identity() const { return rep_; }

 private:
  struct Rep {
    std::atomic<std::uint32_t> refs;
    std::uint32_t size;
    char* data() { return reinterpret_cast<char*>(this + 1); }
  };
  Rep* rep_ = nullptr;
};

}  // namespace cpemu::datamodel
