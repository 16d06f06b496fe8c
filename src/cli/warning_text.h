#pragma once
// Active warning signs in words (service/safety_service.h): printed after a screening, by smr log and after a
// session stopped for one, so the urgent advice stays in view until the person clears it.

#include <ostream>
#include <vector>

#include "core/catalog.h"
#include "service/safety_service.h"

namespace smr::cli {

void print_warnings(std::ostream& out, const core::Catalog& catalog,
                    const std::vector<service::ActiveWarning>& warnings);

}  // namespace smr::cli
