; prp-agent: calls, definitions, classes, properties and annotations of Kotlin source.
(call_expression (identifier) @call.name (value_arguments)? @call.args) @call
(call_expression (navigation_expression (_) @call.receiver (identifier) @call.name) (value_arguments)? @call.args) @call
(function_declaration name: (identifier) @def.name (function_value_parameters) @def.params) @def
(class_declaration name: (identifier) @class.name) @class
(object_declaration name: (identifier) @class.name) @class
(property_declaration (variable_declaration (identifier) @assign.name) . (_) @assign.value) @assign
(annotation (constructor_invocation (user_type (identifier) @annotation.name) (value_arguments) @annotation.args)) @annotation
(annotation (user_type (identifier) @annotation.name)) @annotation
; an annotation the grammar leaves in an expression before a class: `@RequestMapping("/x")` as a name and its parentheses
(annotated_expression (annotation (user_type (identifier) @annotation.name)) . (parenthesized_expression) @annotation.args) @annotation
