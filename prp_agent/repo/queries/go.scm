; prp-agent: calls, definitions, structs, assignments and constants of Go source.
(call_expression function: (selector_expression operand: (_) @call.receiver field: (field_identifier) @call.name) arguments: (argument_list) @call.args) @call
(call_expression function: (identifier) @call.name arguments: (argument_list) @call.args) @call
; a function value asserted to its type and called: `handler.(func(*mux.Router))(r)`
(call_expression function: (type_assertion_expression operand: (identifier) @call.name) arguments: (argument_list) @call.args) @call
(function_declaration name: (identifier) @def.name parameters: (parameter_list) @def.params) @def
(method_declaration name: (field_identifier) @def.name parameters: (parameter_list) @def.params) @def
(type_spec name: (type_identifier) @class.name type: (struct_type) @class.body) @class
(short_var_declaration left: (expression_list . (identifier) @assign.name) right: (expression_list . (_) @assign.value)) @assign
(assignment_statement left: (expression_list . (identifier) @assign.name) right: (expression_list . (_) @assign.value)) @assign
(var_spec name: (identifier) @assign.name value: (expression_list . (_) @assign.value)) @assign
(const_spec name: (identifier) @assign.name value: (expression_list . (_) @assign.value)) @assign
