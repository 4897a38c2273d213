#include "venues/upbit/errors.hpp"

#include "venues/upbit/detail/json.hpp"
#include "venues/upbit/json_context.hpp"

#include <array>

namespace tandem::venues::upbit {

namespace {

struct name_row {
  std::string_view name;
  venue_error code;
};

// clang-format off
// The named rows of the table in errors.hpp; statuses are handled in code.
constexpr std::array name_table{
  name_row{"insufficient_funds_bid", venue_error::insufficient_funds},
  name_row{"insufficient_funds_ask", venue_error::insufficient_funds},
  name_row{"under_min_total_bid",    venue_error::below_minimum},
  name_row{"under_min_total_ask",    venue_error::below_minimum},
  name_row{"invalid_price_bid",      venue_error::price_off_tick},    // "주문가격 단위를 잘못 입력하셨습니다"
  name_row{"invalid_price_ask",      venue_error::price_off_tick},
  name_row{"invalid_volume",         venue_error::bad_quantity},
  name_row{"invalid_volume_bid",     venue_error::bad_quantity},      // by analogy with invalid_price_*
  name_row{"invalid_volume_ask",     venue_error::bad_quantity},
  name_row{"create_bid_error",       venue_error::invalid_parameter}, // e.g. a price on a market sell
  name_row{"create_ask_error",       venue_error::invalid_parameter},
  name_row{"validation_error",       venue_error::invalid_parameter},
  name_row{"duplicate_identifier",   venue_error::duplicate_client_id}, // UNCONFIRMED name, see header
  name_row{"invalid_query_payload",  venue_error::auth_failed},       // query_hash mismatch
  name_row{"jwt_verification",       venue_error::auth_failed},
  name_row{"expired_access_key",     venue_error::auth_failed},
  name_row{"nonce_used",             venue_error::auth_failed},
  name_row{"no_authorization_i_p",   venue_error::auth_failed},       // IP not allow-listed
  name_row{"out_of_scope",           venue_error::auth_failed},       // key lacks the permission
  name_row{"order_not_found",        venue_error::unknown_order},
  name_row{"too_many_requests",      venue_error::rate_limited},      // name UNCONFIRMED; 429 decides anyway
};
// clang-format on

bool mutating(request_kind kind) {
  switch (kind) {
    case request_kind::query: return false;
    case request_kind::place_order: return true;
    case request_kind::cancel_order: return true;
  }
  return true;
}

// Reads {"error":{"name":..., "message":...}}; false if it is not that.
bool read_error_body(std::string_view body, std::string& name,
                     std::string& message) {
  json_context ctx;
  detail::od::document doc;
  if (!detail::start(ctx.state(), body, doc))
    return false;
  detail::od::object root;
  if (doc.get_object().get(root))
    return false;
  bool found = false;
  for (auto member : root) {
    std::string_view k;
    detail::od::value v;
    if (member.unescaped_key().get(k) || member.value().get(v))
      return false;
    if (k != key(field::error_object))
      continue;
    detail::od::object err;
    if (v.get_object().get(err))
      return false;
    for (auto inner : err) {
      std::string_view ik;
      detail::od::value iv;
      if (inner.unescaped_key().get(ik) || inner.value().get(iv))
        return false;
      if (ik == key(field::error_name)) {
        // ccxt has seen `"name": 400` for a missing parameter; keep its
        // text rather than failing the whole answer.
        detail::od::json_type t;
        if (iv.type().get(t))
          return false;
        std::string_view s;
        if (t == detail::od::json_type::number) {
          s = iv.raw_json_token();
          while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
            s.remove_suffix(1);
        } else if (!detail::read_string(iv, s)) {
          return false;
        }
        name.assign(s);
        found = true;
      } else if (ik == key(field::error_message)) {
        std::optional<std::string_view> s;
        if (!detail::read_optional_string(iv, s))
          return false;
        message.assign(s.value_or(""));
      }
    }
  }
  return found && detail::finish(doc);
}

} // namespace

venue_error map_error_name(std::string_view name) noexcept {
  for (const auto& row : name_table)
    if (row.name == name)
      return row.code;
  // See header (*): a reused identifier must lead to a query, not a retry.
  if (name.find("identifier") != std::string_view::npos)
    return venue_error::duplicate_client_id;
  return venue_error::rejected_other;
}

upbit_error parse_error(std::uint16_t http_status, std::string_view body,
                        request_kind kind) {
  upbit_error out;
  out.http_status = http_status;
  const bool parsed = read_error_body(body, out.name, out.message);
  if (!parsed) {
    out.name.clear();
    out.message.clear();
  }
  // The status decides first where it alone says what happened.
  if (http_status == 418) {
    out.code = venue_error::ip_banned;
  } else if (http_status == 429) {
    out.code = venue_error::rate_limited;
  } else if (http_status >= 500) {
    out.code = mutating(kind) ? venue_error::outcome_unknown
                              : venue_error::server_error;
  } else if (!parsed) {
    out.code = mutating(kind) ? venue_error::outcome_unknown
                              : venue_error::malformed_response;
  } else if (auto code = map_error_name(out.name);
             code != venue_error::rejected_other) {
    out.code = code;
  } else if (http_status == 401 || http_status == 403) {
    out.code = venue_error::auth_failed;
  } else if (http_status == 404 && kind != request_kind::place_order) {
    out.code = venue_error::unknown_order;
  } else {
    out.code = venue_error::rejected_other;
  }
  return out;
}

venue_error map_ws_error_name(std::string_view name) noexcept {
  if (name == "INVALID_AUTH")
    return venue_error::auth_failed;
  // WRONG_FORMAT, NO_TICKET, NO_TYPE, NO_CODES, INVALID_PARAM: our request.
  return venue_error::invalid_parameter;
}

} // namespace tandem::venues::upbit
