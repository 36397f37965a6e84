// An immutable, reference-counted parameter value: 8 bytes, so a node's value vector stays small and a
// value copied from the profile into 100,000 devices is stored once.
//
// A SharedValue may instead be a *slot reference*: "this parameter's value is the device's slot k".
// Profile values that differ per device ({serial}, {mac:NN}) are slots in the shared template tree, so
// a device owns only its slot table, not copies of the nodes that hold those parameters.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>
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
  static SharedValue slot(std::uint32_t index) {
    SharedValue v;
    v.rep_ = reinterpret_cast<Rep*>((static_cast<std::uintptr_t>(index) << 1) | 1u);
    return v;
  }
  bool isSlot() const { return reinterpret_cast<std::uintptr_t>(rep_) & 1u; }
  std::uint32_t slotIndex() const { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(rep_) >> 1); }

  SharedValue(const SharedValue& o) noexcept : rep_(o.rep_) {
    if (counted()) rep_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedValue(SharedValue&& o) noexcept : rep_(o.rep_) { o.rep_ = nullptr; }
  SharedValue& operator=(SharedValue o) noexcept {
    std::swap(rep_, o.rep_);
    return *this;
  }
  ~SharedValue() {
    if (counted() && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      rep_->~Rep();
      std::free(rep_);
    }
  }

  // The text; "" for a slot reference (resolve it through the device's slot table first).
  std::string_view view() const { return counted() ? std::string_view(rep_->data(), rep_->size) : std::string_view(); }
  std::string str() const { return std::string(view()); }
  bool operator==(std::string_view other) const { return view() == other; }
  // Heap bytes this value owns (for memory accounting).
  std::size_t heapBytes() const { return counted() ? sizeof(Rep) + rep_->size : 0; }
  const void* identity() const { return counted() ? rep_ : nullptr; }

 private:
  bool counted() const { return rep_ && !isSlot(); }

  struct Rep {
    std::atomic<std::uint32_t> refs;
    std::uint32_t size;
    char* data() { return reinterpret_cast<char*>(this + 1); }
  };
  Rep* rep_ = nullptr;
};

}  // namespace cpemu::datamodel
