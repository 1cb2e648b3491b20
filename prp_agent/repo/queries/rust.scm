; prp-agent: calls, functions, structs, constants and attributes of Rust source.
(call_expression function: (field_expression value: (_) @call.receiver field: (field_identifier) @call.name) arguments: (arguments) @call.args) @call
(call_expression function: (identifier) @call.name arguments: (arguments) @call.args) @call
(call_expression function: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.name) arguments: (arguments) @call.args) @call
(call_expression function: (generic_function function: (identifier) @call.name) arguments: (arguments) @call.args) @call
(call_expression function: (generic_function function: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.name)) arguments: (arguments) @call.args) @call
(macro_invocation macro: (identifier) @call.name (token_tree) @call.args) @call
(function_item name: (identifier) @def.name parameters: (parameters) @def.params) @def
(struct_item name: (type_identifier) @class.name body: (field_declaration_list)? @class.body) @class
(const_item name: (identifier) @assign.name value: (_) @assign.value) @assign
(static_item name: (identifier) @assign.name value: (_) @assign.value) @assign
(let_declaration pattern: (identifier) @assign.name value: (_) @assign.value) @assign
(attribute_item (attribute [(identifier) (scoped_identifier)] @annotation.name arguments: (token_tree)? @annotation.args)) @annotation
(use_as_clause path: (scoped_identifier path: (_) @alias.module name: (identifier) @alias.target) alias: (identifier) @alias.name) @alias
