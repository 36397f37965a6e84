// Removes secrets from SOAP text before it is logged ("no secrets in logs").
#pragma once

#include <string>
#include <string_view>

#include "datamodel/instance_tree.h"

namespace cpemu::cwmp {

// Replaces with "***": the Value of every ParameterValueStruct whose parameter is hidden or secured in
// the data model, or whose name says it holds a secret (Password, Passphrase, PreSharedKey, WEPKey);
// and the text of every <Password> element (Download/Upload credentials).
std::string redactSecrets(std::string_view soap, const datamodel::InstanceTree& tree);

}  // namespace cpemu::cwmp
