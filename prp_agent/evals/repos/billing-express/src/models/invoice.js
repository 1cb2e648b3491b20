const mongoose = require("mongoose");

const invoiceSchema = new mongoose.Schema({
  customer: { type: mongoose.Schema.Types.ObjectId, ref: "Customer", required: true },
  amountCents: { type: Number, required: true },
  dueDate: { type: Date, required: true },
  paidAt: Date,
});

module.exports = mongoose.model("Invoice", invoiceSchema);
