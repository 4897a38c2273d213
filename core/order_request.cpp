#include "core/order_request.hpp"

namespace tandem {

namespace {

violation make(validation_error code, std::string detail) {
  return violation{code, std::move(detail)};
}

} // namespace

std::optional<violation> check_shape(const order_request& o) {
  if (o.id.empty())
    return make(validation_error::bad_client_order_id, "id=<empty>");
  if (!o.qty.is_positive())
    return make(validation_error::non_positive_quantity,
                "qty=" + o.qty.to_string());
  const bool needs_limit
    = o.type == order_type::limit || o.type == order_type::stop_limit;
  const bool needs_stop
    = o.type == order_type::stop || o.type == order_type::stop_limit;
  if (needs_limit && !o.limit_price)
    return make(validation_error::missing_price,
                "type=" + std::string{to_string(o.type)});
  if (!needs_limit && o.limit_price)
    return make(validation_error::unexpected_price,
                "type=" + std::string{to_string(o.type)}
                  + " price=" + o.limit_price->to_string());
  if (needs_stop && !o.stop_price)
    return make(validation_error::missing_stop_price,
                "type=" + std::string{to_string(o.type)});
  if (o.type == order_type::market && o.stop_price)
    return make(validation_error::unexpected_price,
                "type=market stop_price=" + o.stop_price->to_string());
  if (o.type == order_type::limit && o.stop_price)
    return make(validation_error::unexpected_price,
                "type=limit stop_price=" + o.stop_price->to_string());
  for (const auto& p : {o.limit_price, o.stop_price, o.trailing_amount})
    if (p && !p->is_positive())
      return make(validation_error::non_positive_price,
                  "price=" + p->to_string());
  if (o.type == order_type::trailing_stop) {
    if (!o.trailing_amount && !o.trailing_rate)
      return make(validation_error::missing_trailing,
                  "type=trailing_stop needs trailing_amount or trailing_rate");
    if (o.trailing_amount && o.trailing_rate)
      return make(validation_error::bad_trailing,
                  "both trailing_amount and trailing_rate set");
    if (o.trailing_rate && !o.trailing_rate->is_positive())
      return make(validation_error::bad_trailing,
                  "trailing_rate=" + o.trailing_rate->to_string());
  } else if (o.trailing_amount || o.trailing_rate) {
    return make(validation_error::bad_trailing,
                "type=" + std::string{to_string(o.type)} + " does not trail");
  }
  if (o.tif == time_in_force::gtd && !o.expire_at)
    return make(validation_error::missing_expiry, "tif=gtd");
  if (o.tif != time_in_force::gtd && o.expire_at)
    return make(validation_error::missing_expiry,
                "expire_at given with tif=" + std::string{to_string(o.tif)});
  // A market order cannot rest, so a date on it is meaningless.
  if (o.type == order_type::market && o.tif == time_in_force::gtd)
    return make(validation_error::bad_time_in_force, "type=market tif=gtd");
  return std::nullopt;
}

} // namespace tandem
